// Shows verified JPEG payloads on a canvas. createImageBitmap decodes without a blob: URL, so the
// page needs no img-src allowance; when frames come faster than they decode, only the newest
// waiting one is kept.

export class JpegPlayer {
  constructor(canvas, onError) {
    this.canvas = canvas;
    this.onError = onError;
    this.framesShown = 0;
    this.decodeErrors = 0;
    this.waiting = null;
    this.busy = false;
    this.closed = false;
  }

  get videoWidth() {
    return this.framesShown ? this.canvas.width : 0;
  }

  get videoHeight() {
    return this.framesShown ? this.canvas.height : 0;
  }

  jpeg(payload) {
    this.waiting = payload;
    if (!this.busy) {
      this.showNext();
    }
  }

  async showNext() {
    this.busy = true;
    while (this.waiting && !this.closed) {
      const payload = this.waiting;
      this.waiting = null;
      await this.show(payload);
    }
    this.busy = false;
  }

  async show(payload) {
    let bitmap;
    try {
      bitmap = await createImageBitmap(new Blob([payload], { type: 'image/jpeg' }));
    } catch (e) {
      this.decodeErrors += 1;
      return;
    }
    if (!this.closed) {
      this.canvas.width = bitmap.width;
      this.canvas.height = bitmap.height;
      this.canvas.getContext('2d').drawImage(bitmap, 0, 0);
      this.framesShown += 1;
    }
    bitmap.close();
  }

  close() {
    this.closed = true;
    this.waiting = null;
    this.canvas.getContext('2d').clearRect(0, 0, this.canvas.width, this.canvas.height);
  }
}
