/**
 * How the replay bar tells the map what to show without re-rendering the page on every frame: the bar
 * publishes the scene and the moment, the map canvas listens. Null: the live map.
 */
import type { ReplayScene } from './replay-scene';

export interface ReplayFrame {
  scene: ReplayScene;
  /** The moment shown (epoch ms). */
  t: number;
}

export class ReplayChannel {
  private frame: ReplayFrame | null = null;
  private readonly listeners = new Set<(frame: ReplayFrame | null) => void>();

  get current(): ReplayFrame | null {
    return this.frame;
  }

  show(frame: ReplayFrame | null): void {
    this.frame = frame;
    for (const l of [...this.listeners]) l(frame);
  }

  subscribe(listener: (frame: ReplayFrame | null) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
