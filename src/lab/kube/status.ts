// Error Status objects shaped like the real API server's, because kubectl and helm branch on
// `reason` (NotFound → create, AlreadyExists, Conflict → retry) rather than on the text.
import type { Dict, ResourceType } from './types'

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Dict
  ) {
    super(message)
  }

  toStatus(): Dict {
    return {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      ...(this.details ? { details: this.details } : {}),
      code: this.code
    }
  }
}

/** `deployments.apps`, or `pods` for the core group: the name the real server uses in messages. */
export function qualifiedResource(rt: Pick<ResourceType, 'resource' | 'group'>): string {
  return rt.group ? `${rt.resource}.${rt.group}` : rt.resource
}

function details(rt: ResourceType, name: string): Dict {
  return { name, ...(rt.group ? { group: rt.group } : {}), kind: rt.resource }
}

export function notFound(rt: ResourceType, name: string): ApiError {
  return new ApiError(
    404,
    'NotFound',
    `${qualifiedResource(rt)} "${name}" not found`,
    details(rt, name)
  )
}

export function alreadyExists(rt: ResourceType, name: string): ApiError {
  return new ApiError(
    409,
    'AlreadyExists',
    `${qualifiedResource(rt)} "${name}" already exists`,
    details(rt, name)
  )
}

export function conflict(rt: ResourceType, name: string): ApiError {
  return new ApiError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(rt)} "${name}": the object has been modified; please apply your changes to the latest version and try again`,
    details(rt, name)
  )
}

export function badRequest(message: string): ApiError {
  return new ApiError(400, 'BadRequest', message)
}

export function invalid(rt: ResourceType, name: string, message: string): ApiError {
  return new ApiError(
    422,
    'Invalid',
    `${rt.kind} "${name}" is invalid: ${message}`,
    details(rt, name)
  )
}

export function namespaceNotFound(ns: string): ApiError {
  return new ApiError(404, 'NotFound', `namespaces "${ns}" not found`, {
    name: ns,
    kind: 'namespaces'
  })
}

export function methodNotAllowed(
  message = 'the server does not allow this method on the requested resource'
): ApiError {
  return new ApiError(405, 'MethodNotAllowed', message)
}

export function unsupportedMediaType(contentType: string): ApiError {
  return new ApiError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml; got ${contentType}`
  )
}

export function successStatus(rt: ResourceType, name: string): Dict {
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { ...details(rt, name), uid: undefined }
  }
}
