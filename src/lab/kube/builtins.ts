// The built-in resource types the lab API serves: what the product, the four charts and kubectl's
// own commands touch.
export const RW = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch'
]

export interface BuiltIn {
  gv: string
  resource: string
  kind: string
  namespaced: boolean
  short?: string[]
  all?: boolean
  sub?: string[]
  verbs?: string[]
}

export const BUILTINS: BuiltIn[] = [
  { gv: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true, short: ['cm'] },
  { gv: 'v1', resource: 'endpoints', kind: 'Endpoints', namespaced: true, short: ['ep'] },
  { gv: 'v1', resource: 'events', kind: 'Event', namespaced: true, short: ['ev'] },
  { gv: 'v1', resource: 'limitranges', kind: 'LimitRange', namespaced: true, short: ['limits'] },
  {
    gv: 'v1',
    resource: 'namespaces',
    kind: 'Namespace',
    namespaced: false,
    short: ['ns'],
    sub: ['status'],
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']
  },
  { gv: 'v1', resource: 'nodes', kind: 'Node', namespaced: false, short: ['no'], sub: ['status'] },
  {
    gv: 'v1',
    resource: 'persistentvolumeclaims',
    kind: 'PersistentVolumeClaim',
    namespaced: true,
    short: ['pvc'],
    sub: ['status']
  },
  {
    gv: 'v1',
    resource: 'persistentvolumes',
    kind: 'PersistentVolume',
    namespaced: false,
    short: ['pv'],
    sub: ['status']
  },
  {
    gv: 'v1',
    resource: 'pods',
    kind: 'Pod',
    namespaced: true,
    short: ['po'],
    all: true,
    sub: ['status', 'log']
  },
  { gv: 'v1', resource: 'podtemplates', kind: 'PodTemplate', namespaced: true },
  {
    gv: 'v1',
    resource: 'replicationcontrollers',
    kind: 'ReplicationController',
    namespaced: true,
    short: ['rc'],
    all: true,
    sub: ['status', 'scale']
  },
  {
    gv: 'v1',
    resource: 'resourcequotas',
    kind: 'ResourceQuota',
    namespaced: true,
    short: ['quota'],
    sub: ['status']
  },
  { gv: 'v1', resource: 'secrets', kind: 'Secret', namespaced: true },
  {
    gv: 'v1',
    resource: 'serviceaccounts',
    kind: 'ServiceAccount',
    namespaced: true,
    short: ['sa']
  },
  {
    gv: 'v1',
    resource: 'services',
    kind: 'Service',
    namespaced: true,
    short: ['svc'],
    all: true,
    sub: ['status'],
    verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch']
  },
  { gv: 'apps/v1', resource: 'controllerrevisions', kind: 'ControllerRevision', namespaced: true },
  {
    gv: 'apps/v1',
    resource: 'daemonsets',
    kind: 'DaemonSet',
    namespaced: true,
    short: ['ds'],
    all: true,
    sub: ['status']
  },
  {
    gv: 'apps/v1',
    resource: 'deployments',
    kind: 'Deployment',
    namespaced: true,
    short: ['deploy'],
    all: true,
    sub: ['status', 'scale']
  },
  {
    gv: 'apps/v1',
    resource: 'replicasets',
    kind: 'ReplicaSet',
    namespaced: true,
    short: ['rs'],
    all: true,
    sub: ['status', 'scale']
  },
  {
    gv: 'apps/v1',
    resource: 'statefulsets',
    kind: 'StatefulSet',
    namespaced: true,
    short: ['sts'],
    all: true,
    sub: ['status', 'scale']
  },
  {
    gv: 'batch/v1',
    resource: 'cronjobs',
    kind: 'CronJob',
    namespaced: true,
    short: ['cj'],
    all: true,
    sub: ['status']
  },
  { gv: 'batch/v1', resource: 'jobs', kind: 'Job', namespaced: true, all: true, sub: ['status'] },
  {
    gv: 'autoscaling/v2',
    resource: 'horizontalpodautoscalers',
    kind: 'HorizontalPodAutoscaler',
    namespaced: true,
    short: ['hpa'],
    all: true,
    sub: ['status']
  },
  {
    gv: 'policy/v1',
    resource: 'poddisruptionbudgets',
    kind: 'PodDisruptionBudget',
    namespaced: true,
    short: ['pdb'],
    sub: ['status']
  },
  {
    gv: 'networking.k8s.io/v1',
    resource: 'ingressclasses',
    kind: 'IngressClass',
    namespaced: false
  },
  {
    gv: 'networking.k8s.io/v1',
    resource: 'ingresses',
    kind: 'Ingress',
    namespaced: true,
    short: ['ing'],
    sub: ['status']
  },
  {
    gv: 'networking.k8s.io/v1',
    resource: 'networkpolicies',
    kind: 'NetworkPolicy',
    namespaced: true,
    short: ['netpol']
  },
  {
    gv: 'discovery.k8s.io/v1',
    resource: 'endpointslices',
    kind: 'EndpointSlice',
    namespaced: true
  },
  {
    gv: 'rbac.authorization.k8s.io/v1',
    resource: 'clusterrolebindings',
    kind: 'ClusterRoleBinding',
    namespaced: false
  },
  {
    gv: 'rbac.authorization.k8s.io/v1',
    resource: 'clusterroles',
    kind: 'ClusterRole',
    namespaced: false
  },
  {
    gv: 'rbac.authorization.k8s.io/v1',
    resource: 'rolebindings',
    kind: 'RoleBinding',
    namespaced: true
  },
  { gv: 'rbac.authorization.k8s.io/v1', resource: 'roles', kind: 'Role', namespaced: true },
  { gv: 'storage.k8s.io/v1', resource: 'csidrivers', kind: 'CSIDriver', namespaced: false },
  { gv: 'storage.k8s.io/v1', resource: 'csinodes', kind: 'CSINode', namespaced: false },
  {
    gv: 'storage.k8s.io/v1',
    resource: 'storageclasses',
    kind: 'StorageClass',
    namespaced: false,
    short: ['sc']
  },
  {
    gv: 'storage.k8s.io/v1',
    resource: 'volumeattachments',
    kind: 'VolumeAttachment',
    namespaced: false,
    sub: ['status']
  },
  {
    gv: 'apiextensions.k8s.io/v1',
    resource: 'customresourcedefinitions',
    kind: 'CustomResourceDefinition',
    namespaced: false,
    short: ['crd', 'crds'],
    sub: ['status']
  },
  {
    gv: 'admissionregistration.k8s.io/v1',
    resource: 'mutatingwebhookconfigurations',
    kind: 'MutatingWebhookConfiguration',
    namespaced: false
  },
  {
    gv: 'admissionregistration.k8s.io/v1',
    resource: 'validatingwebhookconfigurations',
    kind: 'ValidatingWebhookConfiguration',
    namespaced: false
  },
  {
    gv: 'apiregistration.k8s.io/v1',
    resource: 'apiservices',
    kind: 'APIService',
    namespaced: false,
    sub: ['status']
  },
  {
    gv: 'scheduling.k8s.io/v1',
    resource: 'priorityclasses',
    kind: 'PriorityClass',
    namespaced: false,
    short: ['pc']
  },
  { gv: 'coordination.k8s.io/v1', resource: 'leases', kind: 'Lease', namespaced: true },
  { gv: 'node.k8s.io/v1', resource: 'runtimeclasses', kind: 'RuntimeClass', namespaced: false },
  {
    gv: 'certificates.k8s.io/v1',
    resource: 'certificatesigningrequests',
    kind: 'CertificateSigningRequest',
    namespaced: false,
    short: ['csr'],
    sub: ['status']
  },
  {
    gv: 'authorization.k8s.io/v1',
    resource: 'selfsubjectaccessreviews',
    kind: 'SelfSubjectAccessReview',
    namespaced: false,
    verbs: ['create']
  },
  {
    gv: 'authorization.k8s.io/v1',
    resource: 'selfsubjectrulesreviews',
    kind: 'SelfSubjectRulesReview',
    namespaced: false,
    verbs: ['create']
  },
  {
    gv: 'authentication.k8s.io/v1',
    resource: 'selfsubjectreviews',
    kind: 'SelfSubjectReview',
    namespaced: false,
    verbs: ['create']
  }
]
