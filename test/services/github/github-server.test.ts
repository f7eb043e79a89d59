// The GitHub-like test server speaks GitHub's manners to the plain, real Octokit: what
// the service tests rely on is checked here once, against GitHub's documented behaviour.
import { Octokit } from '@octokit/rest';
import { describe, expect, it } from 'vitest';
import { startServer } from './helpers.js';

const where = { owner: 'acme', repo: 'shop' };

async function octokitFor(options: Parameters<typeof startServer>[0] = {}) {
  const server = await startServer(options);
  const octokit = new Octokit({
    auth: server.token,
    baseUrl: server.url,
    log: { debug() {}, info() {}, warn() {}, error() {} },
  });
  return { server, octokit };
}

describe('the GitHub-like server', () => {
  it('pages with per_page and page, and link headers naming next, last, prev and first', async () => {
    const { server, octokit } = await octokitFor();
    for (let i = 0; i < 5; i++) server.world.addIssue({ title: `I${i}` });
    const first = await octokit.request('GET /repos/{owner}/{repo}/issues', { ...where, per_page: 2 });
    expect(first.data.map((i) => i.title)).toEqual(['I4', 'I3']);
    expect(first.headers.link).toBe(
      `<${server.url}/repos/acme/shop/issues?per_page=2&page=2>; rel="next", <${server.url}/repos/acme/shop/issues?per_page=2&page=3>; rel="last"`,
    );
    const middle = await octokit.request('GET /repos/{owner}/{repo}/issues', { ...where, per_page: 2, page: 2 });
    expect(middle.headers.link).toContain('rel="prev"');
    expect(middle.headers.link).toContain('rel="first"');
    expect(await octokit.paginate('GET /repos/{owner}/{repo}/issues', { ...where, per_page: 2 })).toHaveLength(5);
  });

  it('lists pull requests inside the issues list, marked with pull_request', async () => {
    const { octokit } = await octokitFor({ issues: [{ title: 'Issue' }], pulls: [{ title: 'PR', head: 'x' }] });
    const { data } = await octokit.request('GET /repos/{owner}/{repo}/issues', where);
    expect(data.map((i) => [i.title, i.pull_request !== undefined])).toEqual([
      ['PR', true],
      ['Issue', false],
    ]);
  });

  it('answers If-None-Match with 304 (with rate headers, not counted) until the resource changes', async () => {
    const { server, octokit } = await octokitFor({ issues: [{ title: 'One' }] });
    const first = await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
      ...where,
      issue_number: 1,
    });
    const etag = first.headers.etag!;
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await octokit
      .request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
        ...where,
        issue_number: 1,
        headers: { 'if-none-match': etag },
      })
      .catch((e: { status: number; response: { headers: Record<string, string> } }) => e);
    expect(again).toMatchObject({ status: 304, response: { headers: { 'x-ratelimit-remaining': '4999' } } });
    expect(server.rateLimit.used()).toBe(1);
    server.world.editIssue(1, { title: 'Changed' });
    const changed = await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
      ...where,
      issue_number: 1,
      headers: { 'if-none-match': etag },
    });
    expect(changed.data.title).toBe('Changed');
  });

  it('sends x-ratelimit headers and answers 403 with remaining 0 once the budget is spent', async () => {
    const { octokit } = await octokitFor({ rateLimit: 1 });
    const ok = await octokit.request('GET /repos/{owner}/{repo}', where);
    expect(ok.headers).toMatchObject({
      'x-ratelimit-limit': '1',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-resource': 'core',
    });
    const spent = await octokit
      .request('GET /repos/{owner}/{repo}', where)
      .catch((e: { status: number; response: { headers: object; data: object } }) => e);
    expect(spent).toMatchObject({
      status: 403,
      response: {
        headers: { 'x-ratelimit-remaining': '0' },
        data: { message: expect.stringMatching(/^API rate limit exceeded/) },
      },
    });
  });

  it('a secondary limit answers 403 with retry-after and the secondary message', async () => {
    const { server, octokit } = await octokitFor();
    server.secondaryLimitNext({ retryAfter: 30 });
    const error = await octokit
      .request('GET /repos/{owner}/{repo}', where)
      .catch((e: { status: number; response: { headers: object; data: object } }) => e);
    expect(error).toMatchObject({
      status: 403,
      response: { headers: { 'retry-after': '30' }, data: { message: expect.stringMatching(/secondary rate limit/) } },
    });
  });

  it('a wrong token gets 401 Bad credentials', async () => {
    const { server } = await octokitFor();
    const octokit = new Octokit({
      auth: 'nope',
      baseUrl: server.url,
      log: { debug() {}, info() {}, warn() {}, error() {} },
    });
    await expect(octokit.request('GET /repos/{owner}/{repo}', where)).rejects.toMatchObject({
      status: 401,
      response: { data: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } },
    });
  });

  it('check runs: the latest run of each name unless filter=all; an empty combined status is pending', async () => {
    const { server, octokit } = await octokitFor({ pulls: [{ title: 'A', head: 'a' }] });
    const sha = server.world.pull(1).pull.headSha;
    server.world.addCheckRun(sha, 'test', { conclusion: 'failure' });
    server.world.rerunCheck(sha, 'test', 'success');
    const latest = await octokit.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', { ...where, ref: sha });
    expect(latest.data.check_runs.map((r) => r.conclusion)).toEqual(['success']);
    const all = await octokit.request('GET /repos/{owner}/{repo}/commits/{ref}/check-runs', {
      ...where,
      ref: sha,
      filter: 'all',
    });
    expect(all.data.total_count).toBe(2);
    const status = await octokit.request('GET /repos/{owner}/{repo}/commits/{ref}/status', { ...where, ref: sha });
    expect(status.data).toMatchObject({ state: 'pending', total_count: 0, statuses: [] });
  });

  it('a duplicate release tag is 422 already_exists; a deployment with default auto_merge on a stale branch is 202', async () => {
    const { server, octokit } = await octokitFor({ pulls: [{ title: 'A', head: 'a' }] });
    const sha = server.world.branches.get('main')!;
    await octokit.request('POST /repos/{owner}/{repo}/releases', { ...where, tag_name: 'v1', target_commitish: sha });
    await expect(
      octokit.request('POST /repos/{owner}/{repo}/releases', { ...where, tag_name: 'v1', target_commitish: sha }),
    ).rejects.toMatchObject({
      status: 422,
      response: {
        data: {
          message: 'Validation Failed',
          errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }],
        },
      },
    });
    server.world.addCommit({ message: 'main moves', branch: 'main' });
    const created = await octokit.request('POST /repos/{owner}/{repo}/deployments', {
      ...where,
      ref: 'a',
      environment: 'box-1',
    });
    expect(created.status).toBe(202);
    expect(server.world.deployments).toHaveLength(0);
  });

  it('counts requests per route, and which of them spent the budget', async () => {
    const { server, octokit } = await octokitFor({ issues: [{ title: 'One' }] });
    const first = await octokit.request('GET /repos/{owner}/{repo}/issues', where);
    await octokit
      .request('GET /repos/{owner}/{repo}/issues', { ...where, headers: { 'if-none-match': first.headers.etag! } })
      .catch(() => undefined);
    expect(server.requests.byRoute()).toEqual({
      'GET /repos/{owner}/{repo}/issues': { total: 2, notModified: 1, counted: 1 },
    });
  });
});
