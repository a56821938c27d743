// PersistentVolumeClaim binding: a claim whose StorageClass exists (or, without a class, when a
// default class exists) gets a dynamically provisioned PV and turns Bound. WaitForFirstConsumer
// classes bind at once too, because the lab scheduler only places pods with bound claims.
import { ApiError } from '../status'
import type { Dict, KubeObject } from '../types'
import { writeStatus, type ControllerContext } from './runtime'

const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class'

export class VolumeController {
  constructor(private readonly ctx: ControllerContext) {}

  private defaultClass(): KubeObject | undefined {
    return this.ctx.api.store
      .scan('storageclasses.storage.k8s.io')
      .filter(
        (sc) =>
          sc.metadata.annotations?.[DEFAULT_CLASS] === 'true' ||
          sc.metadata.annotations?.['storageclass.beta.kubernetes.io/is-default-class'] === 'true'
      )
      .sort((a, b) =>
        String(b.metadata.creationTimestamp).localeCompare(String(a.metadata.creationTimestamp))
      )[0]
  }

  handle(ns: string, name: string): void {
    const { api, events } = this.ctx
    const pvcRt = api.rt('v1', 'PersistentVolumeClaim')
    const pvRt = api.rt('v1', 'PersistentVolume')
    let pvc = api.find(pvcRt, ns, name)
    if (!pvc) return
    const status = (pvc.status ?? {}) as Dict
    if (status.phase === 'Bound') return
    const spec = pvc.spec as Dict
    const className = spec.storageClassName as string | undefined
    if (className === '') return
    const sc =
      className === undefined
        ? this.defaultClass()
        : api.store.peek('storageclasses.storage.k8s.io', undefined, className)
    if (!sc) {
      if (className === undefined)
        events.record(
          pvc,
          'Normal',
          'FailedBinding',
          'no persistent volumes available for this claim and no storage class is set',
          'persistentvolume-controller'
        )
      else
        events.record(
          pvc,
          'Warning',
          'ProvisioningFailed',
          `storageclass.storage.k8s.io "${className}" not found`,
          'persistentvolume-controller'
        )
      return
    }
    const scName = sc.metadata.name ?? ''
    const provisioner = String(sc.provisioner ?? 'kubernetes.io/no-provisioner')
    const storage = String(
      ((spec.resources as Dict | undefined)?.requests as Dict | undefined)?.storage ?? '1Gi'
    )
    const accessModes = (spec.accessModes as string[] | undefined) ?? ['ReadWriteOnce']
    const pvName = `pvc-${pvc.metadata.uid}`
    if (!api.store.peek('persistentvolumes', undefined, pvName)) {
      const pv = api.create(pvRt, undefined, {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: {
          name: pvName,
          annotations: {
            'pv.kubernetes.io/provisioned-by': provisioner,
            'lab.rk1/simulated': 'true'
          },
          finalizers: ['kubernetes.io/pv-protection']
        },
        spec: {
          capacity: { storage },
          accessModes,
          persistentVolumeReclaimPolicy: String(sc.reclaimPolicy ?? 'Delete'),
          storageClassName: scName,
          volumeMode: spec.volumeMode ?? 'Filesystem',
          claimRef: {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            name,
            namespace: ns,
            uid: pvc.metadata.uid,
            resourceVersion: pvc.metadata.resourceVersion
          },
          csi: { driver: provisioner, volumeHandle: pvName, fsType: 'ext4' }
        }
      })
      writeStatus(api, pvRt, pv, { phase: 'Bound' })
    }
    const annotations = {
      ...(pvc.metadata.annotations ?? {}),
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
      'volume.beta.kubernetes.io/storage-provisioner': provisioner,
      'volume.kubernetes.io/storage-provisioner': provisioner
    }
    pvc = api.update(pvcRt, ns, name, {
      ...pvc,
      metadata: { ...pvc.metadata, annotations },
      spec: { ...spec, storageClassName: scName, volumeName: pvName }
    })
    writeStatus(api, pvcRt, pvc, { phase: 'Bound', accessModes, capacity: { storage } })
    events.record(
      pvc,
      'Normal',
      'ProvisioningSucceeded',
      `Successfully provisioned volume ${pvName}`,
      `${provisioner}_lab`
    )
  }

  /** Reclaim: the PV of a deleted claim goes away (Delete) or turns Released (Retain). */
  onClaimDeleted(pvc: KubeObject): void {
    const { api } = this.ctx
    const pvRt = api.rt('v1', 'PersistentVolume')
    for (const pv of api.store.scan('persistentvolumes')) {
      const ref = (pv.spec as Dict).claimRef as Dict | undefined
      if (ref?.uid !== pvc.metadata.uid) continue
      try {
        if ((pv.spec as Dict).persistentVolumeReclaimPolicy === 'Delete')
          api.delete(pvRt, undefined, pv.metadata.name ?? '')
        else writeStatus(api, pvRt, pv, { phase: 'Released' })
      } catch (e) {
        if (!(e instanceof ApiError)) throw e
      }
    }
  }
}
