import { expect } from 'chai';
import { startHarness, type Harness } from '../helpers/harness.ts';
import { callCard, type Json } from './support.ts';

/**
 * SmartHR's reference types a user's invitation_*_at values as dates, while a published client's
 * sample shows date-times; List Users and Read User pass on either, and still refuse anything else.
 */
describe('List Users / Read User: invitation dates as SmartHR may send them', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness({ simulator: { tenants: { demo: { employees: 30 } } } });
  });
  after(() => h.close());

  const setInvitationSent = (userId: string, value: string): void => {
    const data = h.sim.tenant('demo').data;
    const user = data.users.get(userId);
    if (!user) throw new Error('no such user');
    user.invitationCreatedAt = value;
    data.changed();
  };
  const readUser = (id: string) => callCard(h, 'readUser', { inputs: { User: { 'User ID': id } } });

  it('a date, as the reference types it (the simulator\'s default)', async () => {
    const user = (h.sim.tenant('demo').users() as Json[]).find((u) => u.invitation_accepted_at !== null)!;
    expect(user.invitation_created_at).to.match(/^\d{4}-\d{2}-\d{2}$/);
    const res = await readUser(user.id).expect(200);
    expect(res.body.User).to.include({ 'Invitation Sent At': user.invitation_created_at, 'Invitation Accepted At': user.invitation_accepted_at });
    const list = await callCard(h, 'listUsers', { options: { 'Result Set': 'First 100 Records' } }).expect(200);
    const listed = (list.body.Result.Users as Json[]).find((u) => u['User ID'] === user.id);
    expect(listed?.['Registration Completed At']).to.equal(user.invitation_answered_at);
  });

  it('a date-time, as SmartHR has also been seen to send', async () => {
    const user = (h.sim.tenant('demo').users() as Json[])[1]!;
    setInvitationSent(user.id, '2021-09-24T17:00:00.000+09:00');
    const res = await readUser(user.id).expect(200);
    expect(res.body.User['Invitation Sent At']).to.equal('2021-09-24T17:00:00.000+09:00');
    const list = await callCard(h, 'listUsers', { options: { 'Result Set': 'First 100 Records' } }).expect(200);
    expect((list.body.Result.Users as Json[]).find((u) => u['User ID'] === user.id)?.['Invitation Sent At']).to.equal('2021-09-24T17:00:00.000+09:00');
  });

  it('anything else is still SmartHR data that does not fit: 502 naming the output', async () => {
    const user = (h.sim.tenant('demo').users() as Json[])[2]!;
    setInvitationSent(user.id, 'yesterday');
    const res = await readUser(user.id).expect(502);
    expect(res.body.error.code).to.equal('upstream_error');
    expect(JSON.stringify(res.body.error.details)).to.include('Invitation Sent At');
  });
});
