/**
 * Objects of a kind that expire a fixed time after their last write, as the API server stores
 * Events: each write attaches an etcd lease of `--event-ttl` (one hour by default), and the key is
 * gone when the lease runs out.
 *
 * Design: the TTL is the same for every write, so writes come in expiry order and one FIFO holds
 * them (a key, the resourceVersion it was written with, its expiry); a write that a later one of
 * the same object superseded is recognised by its resourceVersion and skipped. One loop timer is
 * armed at a time, at the oldest expiry.
 * @see kubernetes pkg/registry/core/event/storage/storage.go (TTLFunc),
 *   apiserver pkg/storage/etcd3/store.go (leases)
 */
import { Fifo } from '../sim/fifo.js';

/** kube-apiserver `--event-ttl` default: one hour. */
export const DEFAULT_EVENT_TTL_MS = 60 * 60 * 1000;

/** Writes of one kind waiting to expire. */
export class ExpiryQueue {
  private readonly keys = new Fifo<string>();
  /** The resourceVersion each queued write gave the object (the stored string itself). */
  private readonly versions = new Fifo<string>();
  private readonly dues = new Fifo<number>();

  constructor(readonly ttlMs: number) {}

  /** Records a write of `key` at `nowMs` that stored `resourceVersion`. */
  push(key: string, resourceVersion: string, nowMs: number): void {
    this.keys.push(key);
    this.versions.push(resourceVersion);
    this.dues.push(nowMs + this.ttlMs);
  }

  /** Expiry of the oldest queued write, if any. */
  nextDue(): number | undefined {
    return this.dues.peek();
  }

  /**
   * Takes every write due by `nowMs`, calling `expire(key, resourceVersion)` for each in write
   * order; the caller deletes the object if it still has that resourceVersion.
   */
  takeDue(nowMs: number, expire: (key: string, resourceVersion: string) => void): void {
    for (let due = this.dues.peek(); due !== undefined && due <= nowMs; due = this.dues.peek()) {
      this.dues.shift();
      expire(this.keys.shift() as string, this.versions.shift() as string);
    }
  }
}
