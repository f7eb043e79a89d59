// Heroku's router log line, field for field, so anything that parses Heroku
// logs (including our own log screens) reads ours the same way.

export interface RouterLineFields {
  at: 'info' | 'warning' | 'error';
  code?: string;
  desc?: string;
  method: string;
  path: string;
  host: string;
  requestId: string;
  fwd: string;
  dyno?: string;
  /** Milliseconds; written rounded with an `ms` suffix. */
  connect?: number;
  /** Milliseconds; written rounded with an `ms` suffix. */
  service?: number;
  status?: number;
  bytes?: number;
  protocol?: string;
  /** Which side closed the socket (H18, H27). */
  sock?: 'backend' | 'client';
}

export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function ms(value: number | undefined): string {
  return value === undefined ? '' : `${Math.max(0, Math.round(value))}ms`;
}

function plain(value: string | number | undefined): string {
  return value === undefined ? '' : String(value);
}

/** One router line without timestamp or source prefix; undefined fields print empty (`dyno= connect=`). */
export function formatRouterLine(f: RouterLineFields): string {
  // Heroku's own H18 lines start with sock=, ahead of at=.
  const parts = f.sock === undefined ? [] : [`sock=${f.sock}`];
  parts.push(`at=${f.at}`);
  // code and desc only exist on error-ish lines; Heroku omits them rather than leaving them empty.
  if (f.code !== undefined) parts.push(`code=${f.code}`);
  if (f.desc !== undefined) parts.push(`desc=${quote(f.desc)}`);
  parts.push(
    `method=${f.method}`,
    `path=${quote(f.path)}`,
    `host=${f.host}`,
    `request_id=${f.requestId}`,
    `fwd=${quote(f.fwd)}`,
    `dyno=${plain(f.dyno)}`,
    `connect=${ms(f.connect)}`,
    `service=${ms(f.service)}`,
    `status=${plain(f.status)}`,
    `bytes=${plain(f.bytes)}`,
  );
  if (f.protocol !== undefined) parts.push(`protocol=${f.protocol}`);
  return parts.join(' ');
}
