import { WebBackend, type WebDevice } from '../ort/backend.js';

const backends = new Map<WebDevice, WebBackend>();

/** One backend object per device is enough: ORT's environment is global to the page anyway. */
export function backendFor(device: WebDevice = 'wasm'): WebBackend {
  let b = backends.get(device);
  if (b === undefined) {
    b = new WebBackend({ device });
    backends.set(device, b);
  }
  return b;
}
