import { expect } from 'chai';
import { parseProfilesArgs, UsageError } from '../../scripts/profiles/args.ts';

describe('npm run profiles flags', () => {
  const base = ['--tenant', 'acme', '--account-type', 'sandbox', '--token-env', 'T'];
  const env = { T: 'smarthr-secret' };
  /** The usage error parseProfilesArgs throws; parsing without one fails the test. */
  const refusal = (argv: string[]): Error => {
    try {
      parseProfilesArgs(argv, env);
    } catch (error) {
      expect(error).to.be.instanceOf(UsageError);
      return error as Error;
    }
    throw new Error('expected a usage error');
  };

  it('reads the card inputs from the flags', () => {
    const command = parseProfilesArgs([...base, '--format', 'csv', '--limit', '5', '--status', 'Retired'], env);
    expect(command).to.deep.equal({
      connection: { tenant: 'acme', accountType: 'sandbox', token: 'smarthr-secret' },
      format: 'csv',
      inputs: { 'Status Filter': { 'Employment Statuses': ['Retired'], Mode: 'Include' }, Streaming: { 'Record Limit': 5 } },
    });
  });

  it("reports an unknown flag or a flag without its value as a usage error, with node's reason", () => {
    expect(refusal([...base, '--bogus']).message).to.match(/Unknown option '--bogus'/);
    expect(refusal([...base, '--format']).message).to.match(/--format/);
  });
});
