/**
 * @peculiar/x509, loaded once for the whole lab (BMC, Kubernetes API and Talos certificates) with
 * Node's WebCrypto as its provider. Loaded lazily: under jest's ESM linking a static import would
 * run tsyringe's Reflect check before the shim installs the API.
 */
import { webcrypto } from 'node:crypto'
import './reflect-shim'
import type * as X509Module from '@peculiar/x509'

export type X509 = typeof X509Module

let x509Promise: Promise<X509> | undefined

export function loadX509(): Promise<X509> {
  x509Promise ??= import('@peculiar/x509').then((m) => {
    // Node's WebCrypto is the standard one; only the DOM type names differ.
    m.cryptoProvider.set(webcrypto as never)
    return m
  })
  return x509Promise
}
