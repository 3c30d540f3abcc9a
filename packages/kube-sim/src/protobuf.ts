// Request bodies in Kubernetes' protobuf encoding (application/vnd.kubernetes.protobuf), which
// kubectl's typed commands send (`kubectl create namespace|configmap|secret|deployment|service`,
// `kubectl run`, `kubectl scale`). The body is the magic `k8s\0` and a runtime.Unknown message
// holding the TypeMeta and the object's own message; this decodes the messages of the kinds those
// commands create into the JSON shape the rest of the simulator handles. Field numbers are those
// of k8s.io/api and k8s.io/apimachinery (their generated.proto files), written down per message.

/** ProtobufError is a body the simulator cannot read as a Kubernetes object. */
export class ProtobufError extends Error {
  override name = 'ProtobufError';
}

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

// A message's fields: `name=number` then an optional `:type`. Types: (none) string, int, bool,
// bytes (base64 in JSON), map (string to string), map<bytes>, map<Quantity>, a message name,
// [type] repeated, and `...Message` for a struct embedded inline in JSON. A `!` keeps a zero value
// that means something (replicas: 0); other zero values are left out, as omitempty does.
const MESSAGES: Record<string, string> = {
  Unknown: 'typeMeta=1:TypeMeta raw=2:bytes contentEncoding=3 contentType=4',
  TypeMeta: 'apiVersion=1 kind=2',
  ObjectMeta:
    'name=1 generateName=2 namespace=3 selfLink=4 uid=5 resourceVersion=6 generation=7:int creationTimestamp=8:Time ' +
    'deletionTimestamp=9:Time deletionGracePeriodSeconds=10:int labels=11:map annotations=12:map ' +
    'ownerReferences=13:[OwnerReference] finalizers=14:[string]',
  OwnerReference: 'kind=1 name=3 uid=4 apiVersion=5 controller=6:bool blockOwnerDeletion=7:bool',
  LabelSelector: 'matchLabels=1:map matchExpressions=2:[LabelSelectorRequirement]',
  LabelSelectorRequirement: 'key=1 operator=2 values=3:[string]',
  Namespace: 'metadata=1:ObjectMeta spec=2:NamespaceSpec',
  NamespaceSpec: 'finalizers=1:[string]',
  ConfigMap: 'metadata=1:ObjectMeta data=2:map binaryData=3:map<bytes> immutable=4:bool',
  Secret: 'metadata=1:ObjectMeta data=2:map<bytes> type=3 stringData=4:map immutable=5:bool',
  ServiceAccount:
    'metadata=1:ObjectMeta secrets=2:[ObjectReference] imagePullSecrets=3:[LocalObjectReference] automountServiceAccountToken=4:bool',
  ObjectReference: 'kind=1 namespace=2 name=3 uid=4 apiVersion=5 resourceVersion=6 fieldPath=7',
  LocalObjectReference: 'name=1',
  Service: 'metadata=1:ObjectMeta spec=2:ServiceSpec',
  ServiceSpec:
    'ports=1:[ServicePort] selector=2:map clusterIP=3 type=4 externalIPs=5:[string] sessionAffinity=7 ' +
    'externalName=10 externalTrafficPolicy=11 ipFamilyPolicy=17 clusterIPs=18:[string] ipFamilies=19:[string] internalTrafficPolicy=22',
  ServicePort: 'name=1 protocol=2 port=3:int targetPort=4:IntOrString nodePort=5:int appProtocol=6',
  Deployment: 'metadata=1:ObjectMeta spec=2:DeploymentSpec',
  DeploymentSpec:
    'replicas=1:int! selector=2:LabelSelector template=3:PodTemplateSpec strategy=4:DeploymentStrategy ' +
    'minReadySeconds=5:int revisionHistoryLimit=6:int! paused=7:bool progressDeadlineSeconds=9:int',
  DeploymentStrategy: 'type=1 rollingUpdate=2:RollingUpdateDeployment',
  RollingUpdateDeployment: 'maxUnavailable=1:IntOrString maxSurge=2:IntOrString',
  Scale: 'metadata=1:ObjectMeta spec=2:ScaleSpec',
  ScaleSpec: 'replicas=1:int!',
  Pod: 'metadata=1:ObjectMeta spec=2:PodSpec',
  PodTemplateSpec: 'metadata=1:ObjectMeta spec=2:PodSpec',
  PodSpec:
    'containers=2:[Container] restartPolicy=3 terminationGracePeriodSeconds=4:int activeDeadlineSeconds=5:int ' +
    'dnsPolicy=6 nodeSelector=7:map serviceAccountName=8 serviceAccount=9 nodeName=10 hostname=16 subdomain=17 ' +
    'schedulerName=19 initContainers=20:[Container] automountServiceAccountToken=21:bool imagePullSecrets=15:[LocalObjectReference] ' +
    'priorityClassName=24 enableServiceLinks=30:bool',
  Container:
    'name=1 image=2 command=3:[string] args=4:[string] workingDir=5 ports=6:[ContainerPort] env=7:[EnvVar] ' +
    'resources=8:ResourceRequirements livenessProbe=10:Probe readinessProbe=11:Probe terminationMessagePath=13 ' +
    'imagePullPolicy=14 stdin=16:bool stdinOnce=17:bool tty=18:bool envFrom=19:[EnvFromSource] ' +
    'terminationMessagePolicy=20 startupProbe=22:Probe',
  ContainerPort: 'name=1 hostPort=2:int containerPort=3:int protocol=4 hostIP=5',
  EnvVar: 'name=1 value=2',
  EnvFromSource: 'prefix=1 configMapRef=2:ConfigMapEnvSource secretRef=3:SecretEnvSource',
  ConfigMapEnvSource: 'localObjectReference=1:...LocalObjectReference optional=2:bool',
  SecretEnvSource: 'localObjectReference=1:...LocalObjectReference optional=2:bool',
  ResourceRequirements: 'limits=1:map<Quantity> requests=2:map<Quantity>',
  Probe:
    'handler=1:...ProbeHandler initialDelaySeconds=2:int timeoutSeconds=3:int periodSeconds=4:int ' +
    'successThreshold=5:int failureThreshold=6:int terminationGracePeriodSeconds=7:int',
  ProbeHandler: 'exec=1:ExecAction httpGet=2:HTTPGetAction tcpSocket=3:TCPSocketAction',
  ExecAction: 'command=1:[string]',
  HTTPGetAction: 'path=1 port=2:IntOrString host=3 scheme=4',
  TCPSocketAction: 'port=1:IntOrString host=2',
};

/** The kinds a protobuf body may hold, and their messages. */
const KINDS = new Set(['Namespace', 'ConfigMap', 'Secret', 'ServiceAccount', 'Service', 'Deployment', 'Scale', 'Pod']);

interface Field {
  name: string;
  type: string;
  repeated: boolean;
  inline: boolean;
  keepZero: boolean;
}

const schemas = new Map<string, Map<number, Field>>();
function schemaOf(message: string): Map<number, Field> {
  let schema = schemas.get(message);
  if (schema) return schema;
  const spec = MESSAGES[message];
  if (spec === undefined) throw new Error(`BUG: no protobuf schema for ${message}`);
  schema = new Map();
  for (const entry of spec.split(/\s+/)) {
    const match = /^(\w+)=(\d+)(?::(.+))?$/.exec(entry);
    if (!match) throw new Error(`BUG: bad protobuf field ${entry} in ${message}`);
    let type = match[3] ?? 'string';
    const keepZero = type.endsWith('!');
    if (keepZero) type = type.slice(0, -1);
    const repeated = type.startsWith('[');
    if (repeated) type = type.slice(1, -1);
    const inline = type.startsWith('...');
    if (inline) type = type.slice(3);
    schema.set(Number(match[2]), { name: match[1] as string, type, repeated, inline, keepZero });
  }
  schemas.set(message, schema);
  return schema;
}

/** Reader walks the protobuf wire format. */
class Reader {
  private offset = 0;
  private readonly bytes: Buffer;
  constructor(bytes: Buffer) {
    this.bytes = bytes;
  }

  get done(): boolean {
    return this.offset >= this.bytes.length;
  }

  varint(): number {
    let result = 0;
    let shift = 1;
    for (;;) {
      if (this.offset >= this.bytes.length) throw new ProtobufError('truncated varint');
      const byte = this.bytes[this.offset++] as number;
      result += (byte & 0x7f) * shift;
      if (byte < 0x80) return result;
      shift *= 128;
      if (shift > 2 ** 63) throw new ProtobufError('varint too long');
    }
  }

  bytesField(): Buffer {
    const length = this.varint();
    if (this.offset + length > this.bytes.length) throw new ProtobufError('truncated field');
    const value = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  skip(wireType: number): void {
    if (wireType === 0) this.varint();
    else if (wireType === 1) this.offset += 8;
    else if (wireType === 2) this.bytesField();
    else if (wireType === 5) this.offset += 4;
    else throw new ProtobufError(`unsupported wire type ${wireType}`);
  }
}

/** signed reads a varint as the two's complement int64/int32 Go wrote (negative values take 10 bytes). */
function signed(value: number): number {
  return value >= 2 ** 63 ? value - 2 ** 64 : value;
}

function decodeMapEntry(bytes: Buffer, valueType: string): [string, unknown] {
  const reader = new Reader(bytes);
  let key = '';
  let value: unknown = valueType === 'bytes' ? '' : '';
  while (!reader.done) {
    const tag = reader.varint();
    const field = Math.floor(tag / 8);
    if (tag % 8 !== 2) {
      reader.skip(tag % 8);
      continue;
    }
    const data = reader.bytesField();
    if (field === 1) key = data.toString('utf8');
    else if (field === 2)
      value =
        valueType === 'bytes'
          ? data.toString('base64')
          : valueType === 'Quantity'
            ? decodeMessage(data, 'Quantity')
            : data.toString('utf8');
  }
  return [key, value];
}

function decodeValue(field: Field, wireType: number, reader: Reader): unknown {
  switch (field.type) {
    case 'int':
      return signed(reader.varint());
    case 'bool':
      return reader.varint() !== 0;
    case 'string':
      return reader.bytesField().toString('utf8');
    case 'bytes':
      return reader.bytesField();
    case 'Time': {
      const time = decodeRaw(reader.bytesField(), 'Time');
      return time.seconds === undefined
        ? undefined
        : new Date(Number(time.seconds) * 1000).toISOString().replace('.000Z', 'Z');
    }
    case 'IntOrString': {
      const value = decodeRaw(reader.bytesField(), 'IntOrString');
      return value.type === 1 ? (value.strVal ?? '') : (value.intVal ?? 0);
    }
    default:
      if (wireType !== 2) throw new ProtobufError(`field ${field.name} has wire type ${wireType}`);
      return decodeMessage(reader.bytesField(), field.type);
  }
}

/** decodeRaw reads the small messages Time and IntOrString into their fields. */
function decodeRaw(bytes: Buffer, message: 'Time' | 'IntOrString'): Record<string, number | string | undefined> {
  const reader = new Reader(bytes);
  const out: Record<string, number | string | undefined> = {};
  while (!reader.done) {
    const tag = reader.varint();
    const number = Math.floor(tag / 8);
    if (message === 'IntOrString' && number === 3) out.strVal = reader.bytesField().toString('utf8');
    else if (tag % 8 === 0)
      out[{ Time: ['', 'seconds', 'nanos'], IntOrString: ['', 'type', 'intVal'] }[message][number] ?? '_'] = signed(
        reader.varint(),
      );
    else reader.skip(tag % 8);
  }
  return out;
}

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === '' ||
  value === 0 ||
  value === false ||
  (Array.isArray(value) && value.length === 0) ||
  (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0);

/** decodeMessage decodes a message into JSON fields, leaving out zero values as omitempty does. */
function decodeMessage(bytes: Buffer, message: string): unknown {
  if (message === 'Quantity') {
    const reader = new Reader(bytes);
    let text = '';
    while (!reader.done) {
      const tag = reader.varint();
      if (tag === 10) text = reader.bytesField().toString('utf8');
      else reader.skip(tag % 8);
    }
    return text;
  }
  const schema = schemaOf(message);
  const out: Record<string, unknown> = {};
  const reader = new Reader(bytes);
  while (!reader.done) {
    const tag = reader.varint();
    const wireType = tag % 8;
    const field = schema.get(Math.floor(tag / 8));
    if (!field) {
      reader.skip(wireType);
      continue;
    }
    if (field.type.startsWith('map')) {
      const valueType = /^map<(\w+)>$/.exec(field.type)?.[1] ?? 'string';
      const [key, value] = decodeMapEntry(reader.bytesField(), valueType);
      out[field.name] = { ...(out[field.name] as object), [key]: value };
      continue;
    }
    // Packed repeated scalars are not used by these messages; strings and messages repeat per entry.
    const value = decodeValue(field, wireType, reader);
    if (field.repeated) out[field.name] = [...((out[field.name] as unknown[]) ?? []), value];
    else if (field.inline) Object.assign(out, value);
    else if (field.keepZero || !isEmpty(value)) out[field.name] = value;
  }
  for (const [name, value] of Object.entries(out)) {
    const field = [...schema.values()].find((f) => f.name === name);
    if (!field?.keepZero && !field?.repeated && isEmpty(value)) delete out[name];
  }
  return out;
}

/** isProtobuf says whether a content type is Kubernetes' protobuf encoding. */
export function isProtobuf(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim() === 'application/vnd.kubernetes.protobuf';
}

/**
 * decodeObject reads a protobuf request body into the object as JSON would carry it, with its
 * apiVersion and kind; a kind the simulator does not decode is a ProtobufError naming it.
 */
export function decodeObject(body: Buffer): Record<string, unknown> {
  if (!body.subarray(0, 4).equals(MAGIC))
    throw new ProtobufError('the body does not start with the k8s protobuf magic');
  const unknown = decodeMessage(body.subarray(4), 'Unknown') as {
    typeMeta?: { apiVersion?: string; kind?: string };
    raw?: Buffer;
  };
  const kind = unknown.typeMeta?.kind ?? '';
  if (!KINDS.has(kind)) throw new ProtobufError(`the simulator does not decode ${kind || 'this kind'} from protobuf`);
  const object = decodeMessage(unknown.raw ?? Buffer.alloc(0), kind) as Record<string, unknown>;
  return { apiVersion: unknown.typeMeta?.apiVersion, kind, ...object };
}
