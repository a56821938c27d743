import { Rk1Error } from '../../common/errors'

/** A cluster-level K3s step (readiness) failed. */
export class K3sProvisionStepError extends Rk1Error {}
