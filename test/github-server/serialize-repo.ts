// Users, the repository and labels in GitHub's response shapes, typed with
// @octokit/openapi-types (GitHub's own OpenAPI description) so they cannot drift.
import type { components } from '@octokit/openapi-types';
import type { World } from './world.js';

type Schemas = components['schemas'];

export interface Urls {
  /** The API root, e.g. http://127.0.0.1:4000 (or …/api/v3). */
  api: string;
  /** The web root the html_url fields point at. */
  web: string;
}

export function userJson(world: World, urls: Urls, login: string): Schemas['simple-user'] {
  const user = world.user(login);
  const api = `${urls.api}/users/${login}`;
  return {
    login,
    id: user.id,
    node_id: `U_${user.id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: '',
    url: api,
    html_url: `${urls.web}/${login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: user.type,
    site_admin: false,
    user_view_type: 'public',
  };
}

export function publicUserJson(world: World, urls: Urls, login: string): Schemas['public-user'] {
  return {
    ...userJson(world, urls, login),
    name: login,
    company: null,
    blog: null,
    location: null,
    email: null,
    hireable: null,
    bio: null,
    public_repos: 1,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: '2020-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
  };
}

export function repositoryJson(world: World, urls: Urls): Schemas['repository'] {
  const full = `${world.owner}/${world.name}`;
  const api = `${urls.api}/repos/${full}`;
  const host = new URL(urls.web).host;
  return {
    id: world.repoId,
    node_id: `R_${world.repoId}`,
    name: world.name,
    full_name: full,
    license: null,
    forks: 0,
    permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
    owner: userJson(world, urls, world.owner),
    private: true,
    html_url: `${urls.web}/${full}`,
    description: null,
    fork: false,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://${host}/${full}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@${host}:${full}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${urls.web}/${full}.git`,
    mirror_url: null,
    hooks_url: `${api}/hooks`,
    svn_url: `${urls.web}/${full}`,
    homepage: null,
    language: 'TypeScript',
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 1024,
    default_branch: world.defaultBranch,
    open_issues_count: [...world.issues.values()].filter((i) => i.state === 'open').length,
    has_issues: true,
    has_projects: true,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    archived: false,
    disabled: false,
    visibility: 'private',
    pushed_at: world.pushedAt,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    allow_merge_commit: world.allowed.merge,
    allow_squash_merge: world.allowed.squash,
    allow_rebase_merge: world.allowed.rebase,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    open_issues: [...world.issues.values()].filter((i) => i.state === 'open').length,
    watchers: 0,
  };
}

export function fullRepositoryJson(world: World, urls: Urls): Schemas['full-repository'] {
  const repo = repositoryJson(world, urls);
  return {
    ...repo,
    has_discussions: false,
    pushed_at: world.pushedAt,
    created_at: '2024-01-01T00:00:00Z',
    updated_at: '2024-01-01T00:00:00Z',
    permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
    subscribers_count: 1,
    network_count: 0,
  };
}

export function labelJson(world: World, urls: Urls, name: string): Schemas['label'] {
  const id = 3000 + [...name].reduce((n, c) => (n * 31 + c.charCodeAt(0)) % 1_000_000, 7);
  return {
    id,
    node_id: `LA_${id}`,
    url: `${urls.api}/repos/${world.owner}/${world.name}/labels/${encodeURIComponent(name)}`,
    name,
    description: null,
    color: 'ededed',
    default: false,
  };
}
