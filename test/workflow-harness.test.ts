import { describe, expect, it } from 'vitest';
import { repository } from './support/deploy-world.js';
import { runWorkflow } from './support/workflow.js';
import { workflowFile } from './support/workflow-fixtures.js';

// The workflow harness's reusable workflows, as GitHub runs them: a called matrix job whose last
// leg is cancelled still gives the outputs its other legs set.
describe('the workflow harness', () => {
  it('gives a called matrix job the outputs of its legs, a cancelled last leg included', async () => {
    const repo = repository({
      '.github/workflows/called.yml': `name: Called
on:
  workflow_call:
    outputs:
      seen:
        value: \${{ jobs.legs.outputs.seen }}
jobs:
  legs:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        leg: [first, second]
    outputs:
      seen: \${{ steps.mark.outputs.seen }}
    steps:
      - id: mark
        run: echo "seen=\${{ matrix.leg }}" >> "$GITHUB_OUTPUT"
      - run: test "\${{ matrix.leg }}" != first
`,
    });
    const caller = workflowFile(
      'caller.yml',
      `name: Caller
on:
  push:
    branches: [main]
jobs:
  call:
    uses: ./.github/workflows/called.yml
  after:
    needs: call
    if: always()
    runs-on: ubuntu-latest
    outputs:
      got: \${{ steps.read.outputs.got }}
    steps:
      - id: read
        run: echo "got=\${{ needs.call.outputs.seen }}" >> "$GITHUB_OUTPUT"
`,
    );
    const result = await runWorkflow(caller, { event: 'push', repository: repo });
    expect(result.jobs.map((job) => [job.id, job.result])).toEqual([
      ['call/legs', 'failure'],
      ['call/legs', 'cancelled'],
      ['after', 'success'],
    ]);
    expect(result.job('after').outputs.got).toBe('first');
  });
});
