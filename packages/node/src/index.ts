export { OnnxruntimeNodeBackend } from './backend/onnxruntime-node.js';
export { type DownloadProgress, type HubDownloadOptions, hubDownload } from './hub/download.js';
export { HubSource, type HubSourceOptions } from './hub/hub-source.js';
export { ConvBertModel } from './model.js';
export { DirectorySource } from './source/directory.js';
export { openSource, type SourceOptions } from './source/open.js';
