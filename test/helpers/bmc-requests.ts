import type { RequestLogEntry } from '../../src/lab/bmc/types'

/**
 * A request that changes nothing on the BMC: a login or a `get`. A provision run that flashes
 * nothing may still ask the BMC what it is, so its results against the lab stay SIMULATED.
 */
export const isBmcRead = (r: Pick<RequestLogEntry, 'method' | 'path' | 'query'>): boolean =>
  r.path === '/api/bmc/authenticate' || (r.method === 'GET' && /(^|&)opt=get(&|$)/.test(r.query))
