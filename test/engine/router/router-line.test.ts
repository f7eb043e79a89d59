import { describe, expect, it } from 'vitest';
import { formatRouterLine, quote } from '../../../src/engine/router/router-line.js';

const base = {
  method: 'GET',
  path: '/products?x=1',
  host: 'shop.localhost',
  requestId: '0fb9c505-5d65-4e63-8fee-fa18da33ee47',
  fwd: '127.0.0.1',
  protocol: 'http',
};

describe('formatRouterLine', () => {
  it('writes a success line in Heroku field order with ms units', () => {
    expect(
      formatRouterLine({ ...base, at: 'info', dyno: 'web.2', connect: 0.4, service: 12.6, status: 200, bytes: 512 }),
    ).toBe(
      'at=info method=GET path="/products?x=1" host=shop.localhost request_id=0fb9c505-5d65-4e63-8fee-fa18da33ee47 fwd="127.0.0.1" dyno=web.2 connect=0ms service=13ms status=200 bytes=512 protocol=http',
    );
  });

  it('leaves unknown fields empty, as Heroku does on H10', () => {
    expect(formatRouterLine({ ...base, path: '/', at: 'error', code: 'H10', desc: 'App crashed', status: 503 })).toBe(
      'at=error code=H10 desc="App crashed" method=GET path="/" host=shop.localhost request_id=0fb9c505-5d65-4e63-8fee-fa18da33ee47 fwd="127.0.0.1" dyno= connect= service= status=503 bytes= protocol=http',
    );
  });

  it('prints zero values rather than leaving them empty', () => {
    const text = formatRouterLine({
      ...base,
      at: 'error',
      code: 'H12',
      desc: 'Request timeout',
      dyno: 'web.1',
      connect: 0,
      service: 200,
      status: 503,
      bytes: 0,
    });
    expect(text).toContain('dyno=web.1 connect=0ms service=200ms status=503 bytes=0 ');
  });

  it('starts H18 lines with sock=', () => {
    const text = formatRouterLine({
      ...base,
      at: 'error',
      code: 'H18',
      desc: 'Server Request Interrupted',
      sock: 'backend',
      dyno: 'web.1',
      connect: 1,
      service: 3,
      status: 200,
      bytes: 10,
    });
    expect(text.startsWith('sock=backend at=error code=H18 desc="Server Request Interrupted" ')).toBe(true);
  });

  it('escapes quotes and backslashes inside quoted values', () => {
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
    const text = formatRouterLine({ ...base, at: 'info', path: '/q?s="x"', desc: undefined });
    expect(text).toContain('path="/q?s=\\"x\\""');
    expect(text).not.toContain('desc=');
  });

  it('omits protocol when not given', () => {
    const { protocol: _protocol, ...noProtocol } = base;
    expect(formatRouterLine({ ...noProtocol, at: 'info' })).toMatch(/bytes=$/);
  });
});
