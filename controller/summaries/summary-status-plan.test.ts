import { describe, expect, it } from 'vitest';
import { planSummaryStatus } from './summary-status-plan.js';

describe('planSummaryStatus', () => {
  it('replaces the features this reconcile touched, keeps the others, in deploy order', () => {
    const status = planSummaryStatus(
      {
        featureSummaries: [
          { featureID: 'Resources', status: 'Provisioned', hash: 'r1' },
          { featureID: 'Helm', status: 'Failed', hash: 'h1' },
        ],
        failureMessage: 'kept',
      },
      {
        features: [
          {
            featureID: 'Helm',
            status: 'Provisioned',
            hash: 'h2',
            deployedGroupVersionKind: ['Deployment.v1.apps'],
          },
        ],
      },
    );
    expect(status).toEqual({
      failureMessage: 'kept',
      featureSummaries: [
        {
          featureID: 'Helm',
          status: 'Provisioned',
          hash: 'h2',
          deployedGroupVersionKind: ['Deployment.v1.apps'],
        },
        { featureID: 'Resources', status: 'Provisioned', hash: 'r1' },
      ],
      deployedGVKs: [{ featureID: 'Helm', deployedGroupVersionKind: ['Deployment.v1.apps'] }],
    });
  });

  it('replaces helmReleaseSummaries only when the Helm feature reported them', () => {
    const current = {
      helmReleaseSummaries: [
        { releaseName: 'a', releaseNamespace: 'n', status: 'Managing' as const },
      ],
    };
    expect(planSummaryStatus(current, { features: [] }).helmReleaseSummaries).toEqual(
      current.helmReleaseSummaries,
    );
    expect(
      planSummaryStatus(current, { features: [], helmReleaseSummaries: [] }).helmReleaseSummaries,
    ).toBeUndefined();
  });
});
