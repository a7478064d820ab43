/**
 * Work buffers of the GLM fits, allocated once per model object and grown (doubling) when a larger training
 * set arrives, so that a fit allocates nothing per iteration and, after the first fit of a given size,
 * nothing per fit except the returned β.
 *
 * Layout: n-sized buffers hold the packed training set (covariates row-major n×p, responses, normalised
 * per-point weights ω_i) and the linear predictors η at the current and at the trial β; p-sized buffers
 * hold β, the Newton step and two (gradient, Hessian) pairs that are swapped when a trial step is accepted.
 */
export class GlmScratch {
  readonly dim: number;
  capacity = 0;
  /** Packed covariates, row-major n×p. */
  x: Float64Array = new Float64Array(0);
  /** Packed responses. */
  y: Float64Array = new Float64Array(0);
  /** Per-point weights ω_i = (w_s/size_s)/Σ_s w_s (summing to 1). */
  weight: Float64Array = new Float64Array(0);
  /** η = Xβ at the current iterate. */
  eta: Float64Array = new Float64Array(0);
  /** η at the trial iterate of the line search. */
  etaTry: Float64Array = new Float64Array(0);
  /** Logistic: e^(−|η_i|) at the current iterate (so the loss needs only a log1p per point). */
  tail: Float64Array = new Float64Array(0);
  /** e^(−|η_i|) at the trial iterate. */
  tailTry: Float64Array = new Float64Array(0);

  readonly beta: Float64Array;
  readonly betaTry: Float64Array;
  readonly step: Float64Array;
  grad: Float64Array;
  gradTry: Float64Array;
  hess: Float64Array;
  hessTry: Float64Array;
  /** Cholesky factor of the current Hessian (or of XᵀΩX for the linear family). */
  readonly lower: Float64Array;
  /** Ring buffer of the last HISTORY iterates (p each), for separation certificates. */
  readonly history: Float64Array;
  /** Orthonormal basis (rows) used by the separation certificate. */
  readonly basis: Float64Array;
  /** A candidate direction of the separation certificate. */
  readonly direction: Float64Array;

  // Diagnostics of the last `evaluate` call. The doubles start as NaN so that V8 gives the fields a double
  // representation from the start (a Smi-to-double field change deprecates the object's map and deopts).
  lossScale = Number.NaN;
  maxEta = Number.NaN;
  maxEtaRow = -1;
  minMargin = Number.NaN;
  maxMargin = Number.NaN;
  /** max_i |η_i − η_i(reference)|: how far the last trial moved the linear predictors. */
  stepReach = Number.NaN;

  static readonly HISTORY = 8;

  constructor(dim: number) {
    this.dim = dim;
    this.beta = new Float64Array(dim);
    this.betaTry = new Float64Array(dim);
    this.step = new Float64Array(dim);
    this.grad = new Float64Array(dim);
    this.gradTry = new Float64Array(dim);
    this.hess = new Float64Array(dim * dim);
    this.hessTry = new Float64Array(dim * dim);
    this.lower = new Float64Array(dim * dim);
    this.history = new Float64Array(dim * GlmScratch.HISTORY);
    this.basis = new Float64Array(dim * dim);
    this.direction = new Float64Array(dim);
  }

  /** Makes room for `rows` packed points (no-op when the buffers are already large enough). */
  ensureCapacity(rows: number): void {
    if (rows <= this.capacity) return;
    const capacity = Math.max(rows, 2 * this.capacity, 64);
    this.x = new Float64Array(capacity * this.dim);
    this.y = new Float64Array(capacity);
    this.weight = new Float64Array(capacity);
    this.eta = new Float64Array(capacity);
    this.etaTry = new Float64Array(capacity);
    this.tail = new Float64Array(capacity);
    this.tailTry = new Float64Array(capacity);
    this.capacity = capacity;
  }

  /** Swaps the current and trial (η, e^(−|η|), gradient, Hessian) buffers after an accepted step. */
  acceptTrial(): void {
    let t = this.eta; this.eta = this.etaTry; this.etaTry = t;
    t = this.tail; this.tail = this.tailTry; this.tailTry = t;
    t = this.grad; this.grad = this.gradTry; this.gradTry = t;
    t = this.hess; this.hess = this.hessTry; this.hessTry = t;
    this.beta.set(this.betaTry);
  }
}
