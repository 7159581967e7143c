import { expect } from 'chai';
import { lastPageFrom, pagesToReread } from '../../connector/engine/pagination.ts';

describe('scale: paging arithmetic', () => {
  it('re-reads the pages that records slid back into when the list shrank', () => {
    expect(pagesToReread(2, 100, 1)).to.deep.equal([1]);
    expect(pagesToReread(5, 100, 3)).to.deep.equal([4]);
    // 150 gone before page 4: records from offset 150 on slid back, into pages 2 and 3.
    expect(pagesToReread(4, 100, 150)).to.deep.equal([2, 3]);
    expect(pagesToReread(3, 100, 1000)).to.deep.equal([1, 2]);
  });

  it('re-reads nothing when the list did not shrink, or on the first page', () => {
    expect(pagesToReread(3, 100, 0)).to.deep.equal([]);
    expect(pagesToReread(3, 100, -4)).to.deep.equal([]);
    expect(pagesToReread(1, 100, 5)).to.deep.equal([]);
  });

  it('takes the last page from x-total-count, then Link rel="last", then the page size', () => {
    expect(lastPageFrom({ 'x-total-count': '250' }, 100, 1, 100)).to.equal(3);
    expect(lastPageFrom({ 'x-total-count': '0' }, 100, 1, 0)).to.equal(1);
    expect(lastPageFrom({ link: '<https://a.smarthr.jp/api/v1/crews?page=1&per_page=100>; rel="first", <https://a.smarthr.jp/api/v1/crews?per_page=100&page=7>; rel="last"' }, 100, 1, 100)).to.equal(7);
    expect(lastPageFrom({}, 100, 2, 100)).to.equal(3);
    expect(lastPageFrom({}, 100, 2, 40)).to.equal(2);
  });
});
