/** Settings every reporter receives; reporters are pure and know nothing else of the run. */
export interface ReportOptions {
  color: boolean;
  /** Only errors (`--quiet`). */
  quiet: boolean;
  /** Infos too, in formats for people (`--verbose`); machine formats always carry them. */
  verbose?: boolean;
  /** What the run found but `--quiet` left out of the result, so the text can say so. */
  hidden?: { warnings: number; infos: number };
  /** Prefix that turns a finding's file (relative to the working folder) into a link from the output file. */
  linkBase?: string;
  /** What the baseline file hid, and how many of its entries no longer occur (fixed). */
  baseline?: { file: string; hidden: number; fixed: number };
  /** coordlint's version, for formats that name the tool. */
  toolVersion?: string;
}
