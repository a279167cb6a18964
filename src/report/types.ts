/** Settings every reporter receives; reporters are pure and know nothing else of the run. */
export interface ReportOptions {
  color: boolean;
  /** Only errors (`--quiet`). */
  quiet: boolean;
  /** Prefix that turns a finding's file (relative to the working folder) into a link from the output file. */
  linkBase?: string;
  /** coordlint's version, for formats that name the tool. */
  toolVersion?: string;
}
