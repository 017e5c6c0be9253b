import { describe, expect, it } from 'vitest';
import {
  canRunPod,
  defaultImageRules,
  findImageRule,
  imageRepository,
  type ImageRule,
} from './image-rules.js';

const rules: ImageRule[] = [
  { repository: 'sveltos-applier', command: ['agent'] },
  { repository: /^example\.com\/test-/, command: ['test'] },
];

describe('image rules', () => {
  it.each([
    ['projectsveltos/sveltos-applier:v1.0.0', 'projectsveltos/sveltos-applier'],
    ['registry:5000/org/name:tag', 'registry:5000/org/name'],
    ['registry:5000/org/name@sha256:abc', 'registry:5000/org/name'],
    ['name', 'name'],
  ])('takes the repository of %s', (image, repo) => {
    expect(imageRepository(image)).toBe(repo);
  });

  it('matches a repository by its last path segments, never by a prefix of a name', () => {
    expect(findImageRule(rules, 'docker.io/projectsveltos/sveltos-applier:main')?.command).toEqual([
      'agent',
    ]);
    expect(findImageRule(rules, 'sveltos-applier')?.command).toEqual(['agent']);
    expect(findImageRule(rules, 'projectsveltos/not-sveltos-applier:1')).toBeUndefined();
    expect(findImageRule(rules, 'example.com/test-agent:1')?.command).toEqual(['test']);
  });

  it('runs a pod only when every container has a rule', () => {
    expect(canRunPod(rules, { containers: [{ image: 'sveltos-applier:1' }] })).toBe(true);
    expect(
      canRunPod(rules, { containers: [{ image: 'sveltos-applier:1' }, { image: 'nginx' }] }),
    ).toBe(false);
    expect(canRunPod(rules, { containers: [] })).toBe(false);
    const init = {
      initContainers: [{ image: 'sveltos-applier:1' }],
      containers: [{ image: 'sveltos-applier:1' }],
    };
    expect(canRunPod(rules, init)).toBe(false);
  });

  it('runs the project agent images with the lab heartbeat before the container args', () => {
    const rule = findImageRule(defaultImageRules(), 'projectsveltos/sveltos-applier:main');
    expect(rule?.command.slice(1)).toEqual([
      expect.stringMatching(/bin\/sveltos-agent$/),
      '--heartbeat-interval=5s',
    ]);
  });
});
