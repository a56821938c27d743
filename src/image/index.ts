/** The image layer: sources (local path or https URL), the download cache, format and digest checks. */
export { prepareImage, describeImage } from './prepare'
export type { ImageSpec, PreparedImage, ImageDescription, PrepareOptions } from './prepare'
export type { ImageFormat } from './format'
export type { FetchOptions } from './http'
export type { RetryOptions } from './download'
export { ImageError } from './errors'
export { parseSource } from './source'
export type { ImageSource } from './source'
