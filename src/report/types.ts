/** Settings every reporter receives; reporters are pure and know nothing else of the run. */
export interface ReportOptions {
  color: boolean;
  /** Only errors (`--quiet`). */
  quiet: boolean;
}
