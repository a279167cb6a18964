import type { Location } from '../../model/index.js';
import type { Node } from './project.js';
import { locationOf } from './project.js';

/** A construct an extractor recognised but could not resolve statically (DESIGN: honest coverage). */
export interface Gap {
  message: string;
  location: Location;
}

/** Collects gaps, one per place and message. */
export class GapSink {
  readonly gaps: Gap[] = [];
  private readonly seen = new Set<string>();
  private readonly touchedFiles = new Set<string>();

  /** Marks a file as holding a construct the extractor understood (a run of an imported agent). */
  touch(node: Node): void {
    this.touchedFiles.add(locationOf(node).file);
  }

  touched(file: string): boolean {
    return this.touchedFiles.has(file);
  }

  add(node: Node, message: string): void {
    this.addAt(locationOf(node), message);
  }

  addAt(location: Location, message: string): void {
    const key = `${location.file}:${location.line}:${location.column}:${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.gaps.push({ message, location });
  }
}
