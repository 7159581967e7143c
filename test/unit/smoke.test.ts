import { expect } from 'chai';
describe('toolchain', () => { it('runs TypeScript tests', () => { expect(1 + 1).to.equal(2); }); });
