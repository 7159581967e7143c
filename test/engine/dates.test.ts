import { expect } from 'chai';
import { instantOf, japanDateOf, toSmarthrDate } from '../../connector/engine/transforms/dates.ts';

describe('Date & Time inputs', () => {
  it('take YYYY/MM/DD as Okta\'s pages ask, with or without leading zeros', () => {
    expect(japanDateOf('1990/01/02')).to.equal('1990-01-02');
    expect(japanDateOf('2015/4/1')).to.equal('2015-04-01');
  });

  it('take ISO dates as they are and ISO date-times as their date in Japan', () => {
    expect(japanDateOf('1990-01-02')).to.equal('1990-01-02');
    expect(japanDateOf('2024-03-31T15:00:00Z')).to.equal('2024-04-01');
    expect(japanDateOf('2024-03-31T14:59:59.999Z')).to.equal('2024-03-31');
    expect(japanDateOf('2024-04-01T08:00:00+09:00')).to.equal('2024-04-01');
  });

  it('refuse what is not a real day or not one of those forms', () => {
    for (const bad of ['2024/02/30', '2023-02-29', '1990/13/01', '1990/01/02 10:00', '02/01/1990', '1990.01.02', '2024-04-01T25:00:00Z', 'today', '']) {
      expect(japanDateOf(bad), bad).to.equal(undefined);
    }
    expect(japanDateOf('2024/02/29')).to.equal('2024-02-29');
  });

  it('send SmartHR the date in Japan', () => {
    expect(toSmarthrDate('1990/01/02')).to.equal('1990-01-02');
    expect(toSmarthrDate('2025-03-31T15:30:00Z')).to.equal('2025-04-01');
  });

  it('read a date alone as the start of that day in Japan where an instant is needed (Changed Since)', () => {
    expect(instantOf('2024/04/01')).to.equal(Date.parse('2024-04-01T00:00:00+09:00'));
    expect(instantOf('2024-04-01')).to.equal(Date.parse('2024-04-01T00:00:00+09:00'));
    expect(instantOf('2024-04-01T00:00:00Z')).to.equal(Date.parse('2024-04-01T00:00:00Z'));
    expect(instantOf('2024/02/30')).to.equal(undefined);
  });
});
