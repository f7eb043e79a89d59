// Commits, comparisons, releases and deployments in GitHub's response shapes, typed with
// @octokit/openapi-types so they cannot drift from the real API.
import type { components } from '@octokit/openapi-types';
import { userJson, type Urls } from './serialize-repo.js';
import type { CommitRecord, DeploymentRecord, DeploymentStatusRecord, ReleaseRecord, World } from './world.js';

type Schemas = components['schemas'];

export function commitJson(world: World, urls: Urls, commit: CommitRecord): Schemas['commit'] {
  const api = `${urls.api}/repos/${world.owner}/${world.name}`;
  const web = `${urls.web}/${world.owner}/${world.name}`;
  const person = { name: commit.author, email: `${commit.author}@example.com`, date: commit.date };
  return {
    url: `${api}/commits/${commit.sha}`,
    sha: commit.sha,
    node_id: `C_${commit.sha.slice(0, 12)}`,
    html_url: `${web}/commit/${commit.sha}`,
    comments_url: `${api}/commits/${commit.sha}/comments`,
    commit: {
      url: `${api}/git/commits/${commit.sha}`,
      author: person,
      committer: person,
      message: commit.message,
      comment_count: 0,
      tree: { sha: commit.sha.split('').reverse().join(''), url: `${api}/git/trees/${commit.sha}` },
    },
    author: userJson(world, urls, commit.author),
    committer: userJson(world, urls, commit.author),
    parents: commit.parents.map((sha) => ({ sha, url: `${api}/commits/${sha}`, html_url: `${web}/commit/${sha}` })),
  };
}

export function comparisonJson(
  world: World,
  urls: Urls,
  c: {
    base: CommitRecord;
    head: CommitRecord;
    mergeBase: CommitRecord;
    ahead: CommitRecord[];
    behindBy: number;
    page: CommitRecord[];
  },
): Schemas['commit-comparison'] {
  const web = `${urls.web}/${world.owner}/${world.name}`;
  const spec = `${c.base.sha.slice(0, 12)}...${c.head.sha.slice(0, 12)}`;
  const aheadBy = c.ahead.length;
  return {
    url: `${urls.api}/repos/${world.owner}/${world.name}/compare/${c.base.sha}...${c.head.sha}`,
    html_url: `${web}/compare/${spec}`,
    permalink_url: `${web}/compare/${world.owner}:${c.base.sha}...${world.owner}:${c.head.sha}`,
    diff_url: `${web}/compare/${spec}.diff`,
    patch_url: `${web}/compare/${spec}.patch`,
    base_commit: commitJson(world, urls, c.base),
    merge_base_commit: commitJson(world, urls, c.mergeBase),
    status:
      aheadBy === 0 && c.behindBy === 0
        ? 'identical'
        : aheadBy === 0
          ? 'behind'
          : c.behindBy === 0
            ? 'ahead'
            : 'diverged',
    ahead_by: aheadBy,
    behind_by: c.behindBy,
    total_commits: aheadBy,
    commits: c.page.map((commit) => commitJson(world, urls, commit)),
    files: [],
  };
}

export function releaseJson(world: World, urls: Urls, release: ReleaseRecord): Schemas['release'] {
  const api = `${urls.api}/repos/${world.owner}/${world.name}`;
  const web = `${urls.web}/${world.owner}/${world.name}`;
  return {
    url: `${api}/releases/${release.id}`,
    html_url: `${web}/releases/tag/${encodeURIComponent(release.tagName)}`,
    assets_url: `${api}/releases/${release.id}/assets`,
    upload_url: `${api}/releases/${release.id}/assets{?name,label}`,
    tarball_url: `${api}/tarball/${release.tagName}`,
    zipball_url: `${api}/zipball/${release.tagName}`,
    id: release.id,
    node_id: `RE_${release.id}`,
    tag_name: release.tagName,
    target_commitish: release.targetCommitish,
    name: release.name,
    body: release.body,
    draft: release.draft,
    prerelease: release.prerelease,
    immutable: false,
    created_at: release.createdAt,
    published_at: release.draft ? null : release.createdAt,
    updated_at: release.createdAt,
    author: userJson(world, urls, release.author),
    assets: [],
  };
}

export function deploymentJson(world: World, urls: Urls, d: DeploymentRecord): Schemas['deployment'] {
  const api = `${urls.api}/repos/${world.owner}/${world.name}`;
  return {
    url: `${api}/deployments/${d.id}`,
    id: d.id,
    node_id: `DE_${d.id}`,
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.environment,
    environment: d.environment,
    description: d.description,
    creator: userJson(world, urls, d.creator),
    created_at: d.createdAt,
    updated_at: d.updatedAt,
    statuses_url: `${api}/deployments/${d.id}/statuses`,
    repository_url: api,
    transient_environment: d.transient,
    production_environment: d.production,
    performed_via_github_app: null,
  };
}

export function deploymentStatusJson(
  world: World,
  urls: Urls,
  d: DeploymentRecord,
  s: DeploymentStatusRecord,
): Schemas['deployment-status'] {
  const api = `${urls.api}/repos/${world.owner}/${world.name}`;
  return {
    url: `${api}/deployments/${d.id}/statuses/${s.id}`,
    id: s.id,
    node_id: `DES_${s.id}`,
    state: s.state,
    creator: userJson(world, urls, s.creator),
    description: s.description,
    environment: s.environment,
    target_url: s.targetUrl,
    created_at: s.createdAt,
    updated_at: s.createdAt,
    deployment_url: `${api}/deployments/${d.id}`,
    repository_url: api,
    environment_url: s.environmentUrl,
    log_url: s.logUrl,
    performed_via_github_app: null,
  };
}
