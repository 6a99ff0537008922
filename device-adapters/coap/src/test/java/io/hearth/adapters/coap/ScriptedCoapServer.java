package io.hearth.adapters.coap;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.coap.Message;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.serialization.UdpDataParser;
import org.eclipse.californium.core.network.serialization.UdpDataSerializer;
import org.eclipse.californium.elements.AddressEndpointContext;

/**
 * A misbehaving CoAP device on a plain DatagramSocket: each path answers with scripted bytes (any
 * garbage, any size), or not at all once set to {@link #SILENT}.
 */
final class ScriptedCoapServer implements AutoCloseable {
  static final byte[] SILENT = new byte[0];
  private final DatagramSocket socket;
  private final Map<String, byte[]> answers = new ConcurrentHashMap<>();
  private final Thread thread;

  ScriptedCoapServer() throws SocketException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    thread = new Thread(this::serve, "scripted-coap");
    thread.setDaemon(true);
    thread.start();
  }

  String url() {
    return "coap://127.0.0.1:" + socket.getLocalPort();
  }

  /** What {@code path} answers from now on. */
  void answer(String path, byte[] payload) {
    answers.put(path, payload);
  }

  private void serve() {
    byte[] buffer = new byte[2048];
    while (!socket.isClosed()) {
      try {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        socket.receive(packet);
        byte[] data = java.util.Arrays.copyOf(packet.getData(), packet.getLength());
        Message message = new UdpDataParser().parseMessage(data);
        if (message instanceof Request request) {
          reply(request, packet);
        }
      } catch (IOException | RuntimeException e) {
        // closed, or a message not worth answering
      }
    }
  }

  private void reply(Request request, DatagramPacket from) throws IOException {
    String path = "/" + request.getOptions().getUriPathString();
    byte[] payload = answers.getOrDefault(path, SILENT);
    if (payload == SILENT) {
      return;
    }
    Response response = new Response(CoAP.ResponseCode.CONTENT);
    response.setType(CoAP.Type.ACK);
    response.setMID(request.getMID());
    response.setToken(request.getToken());
    response.setPayload(payload);
    response.getOptions().setContentFormat(path.equals("/.well-known/core") ? 40 : 0);
    response.setDestinationContext(
        new AddressEndpointContext((InetSocketAddress) from.getSocketAddress()));
    byte[] bytes = new UdpDataSerializer().serializeResponse(response).getBytes();
    socket.send(new DatagramPacket(bytes, bytes.length, from.getSocketAddress()));
  }

  @Override
  public void close() {
    socket.close();
  }
}
