/**
 * Ids of the records reported from the current and the previous page of a list. With offset
 * paging a record moves at most into a neighbouring page while the list is read, so duplicates
 * are caught there; a set of every id of a 500,000-record stream would only cost memory.
 */
export class RecentIds {
  private previous = new Set<unknown>();
  private current = new Set<unknown>();

  has(id: unknown): boolean {
    return this.current.has(id) || this.previous.has(id);
  }

  add(id: unknown): void {
    this.current.add(id);
  }

  /** Called once a page is done: the one before it is no longer a neighbour. */
  turnPage(): void {
    this.previous = this.current;
    this.current = new Set();
  }
}
