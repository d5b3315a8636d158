// What every process's messages share: the actor of a human step.

/** Who acts: every human step is attributed. `system` for timers. */
export interface Actor {
  sub: string;
  role: string;
}

/** Every step message carries its actor; the API fills it from the verified token. */
export type By<T> = T & { actor: Actor };
