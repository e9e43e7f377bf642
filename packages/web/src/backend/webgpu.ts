interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<unknown | null>;
}

/** True when the browser offers a WebGPU adapter (not just the API): the WebGPU backend can run. */
export async function isWebGpuAvailable(): Promise<boolean> {
  const gpu = (globalThis as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
  if (gpu === undefined) return false;
  try {
    return (await gpu.requestAdapter()) !== null;
  } catch {
    return false;
  }
}
