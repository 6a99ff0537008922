package io.hearth.adapters.onvif;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * XML from the network, parsed safely: bounded in size, no DOCTYPE at all (so no external entities
 * and no entity expansion), secure processing on, and elements matched by namespace and local name
 * only, so a look-alike in another namespace is never taken for the real thing.
 */
final class SafeXml {
  private static final DocumentBuilderFactory FACTORY = factory();

  private SafeXml() {}

  /** The parsed document; fails with {@link OnvifXmlException} saying what was wrong. */
  static Document parse(byte[] bytes, int length, int maxBytes) {
    if (length > maxBytes) {
      throw new OnvifXmlException(
          "it is " + length + " bytes, more than the " + maxBytes + " allowed");
    }
    try {
      DocumentBuilder builder;
      synchronized (FACTORY) {
        builder = FACTORY.newDocumentBuilder();
      }
      builder.setErrorHandler(SILENT);
      builder.setEntityResolver(
          (publicId, systemId) -> {
            throw new SAXException("external entities are not allowed");
          });
      return builder.parse(new ByteArrayInputStream(bytes, 0, length));
    } catch (SAXException e) {
      throw new OnvifXmlException("it is not acceptable XML: " + e.getMessage());
    } catch (IOException | ParserConfigurationException e) {
      throw new OnvifXmlException("it could not be read: " + e.getMessage());
    }
  }

  /** The first child element of {@code parent} with that namespace and local name. */
  static Optional<Element> child(Node parent, String namespace, String localName) {
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (is(n, namespace, localName)) {
        return Optional.of((Element) n);
      }
    }
    return Optional.empty();
  }

  /** Every child element of {@code parent} with that namespace and local name. */
  static List<Element> children(Node parent, String namespace, String localName) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (is(n, namespace, localName)) {
        found.add((Element) n);
      }
    }
    return found;
  }

  /** The first element anywhere below {@code root} with that namespace and local name. */
  static Optional<Element> find(Element root, String namespace, String localName) {
    var list = root.getElementsByTagNameNS(namespace, localName);
    return list.getLength() == 0 ? Optional.empty() : Optional.of((Element) list.item(0));
  }

  /** The trimmed text of the child element, if there is one. */
  static Optional<String> text(Node parent, String namespace, String localName) {
    return child(parent, namespace, localName).map(e -> e.getTextContent().strip());
  }

  static boolean is(Node n, String namespace, String localName) {
    return n.getNodeType() == Node.ELEMENT_NODE
        && namespace.equals(n.getNamespaceURI())
        && localName.equals(n.getLocalName());
  }

  private static DocumentBuilderFactory factory() {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    try {
      f.setNamespaceAware(true);
      f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      f.setFeature("http://xml.org/sax/features/external-general-entities", false);
      f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
      f.setXIncludeAware(false);
      f.setExpandEntityReferences(false);
      f.setValidating(false);
      return f;
    } catch (ParserConfigurationException e) {
      throw new IllegalStateException("this JDK's XML parser cannot be made safe", e);
    }
  }

  /** Errors end the parse with an exception; nothing is printed to stderr. */
  private static final ErrorHandler SILENT =
      new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {}

        @Override
        public void error(SAXParseException e) throws SAXException {
          throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
          throw e;
        }
      };
}
