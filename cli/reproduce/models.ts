/**
 * The five synthetic models of paper 003's Scenarios 2 and 3 (Figs. 8, 9): Gaussian N(0, I_p) (mean and
 * covariance errors, sufficient-statistic sampling), linear / logistic / Poisson regression with β = 1_p and
 * x ~ N(0, I_p), and the ECDF with truth N(0, 1); each with its per-panel metric and the constant c of the
 * limiting error c·f(w, k)/n (trΣ, ‖Σ‖²_F + (trΣ)², tr I(β*)⁻¹, 1/6).
 */
import { glmFisherInverseTrace } from '../../src/models/glm/index.js';
import type { ModelSpec } from './specs.js';
import { scaledIdentity } from './scenarios.js';

export interface PanelModel {
  /** Panel id (file name part). */
  readonly id: string;
  readonly title: string;
  readonly model: ModelSpec;
  /** The spec's metrics (the Gaussian records mean and cov in one run) and this panel's index among them. */
  readonly metrics: readonly string[];
  readonly metricIndex: number;
  readonly yTitle: string;
  readonly sampling: 'explicit' | 'sufficient';
  /** c of the asymptotic limit n·Err → c·f(w, k) (CLAIMS §1.5 (4), §1.9, §1.10). */
  readonly constant: number;
  readonly constantName: string;
}

/** The six panels over p-dimensional truths. */
export function syntheticPanels(p: number): PanelModel[] {
  const gaussian: ModelSpec = { key: 'gaussian', dim: p, scale: 1 };
  const glm = (key: 'linear' | 'logistic' | 'poisson'): ModelSpec => ({ key, dim: p, scale: 1 });
  const beta = new Float64Array(p).fill(1);
  const cov = scaledIdentity(p, 1);
  const base = { sampling: 'explicit' as const, metricIndex: 0 };
  return [
    { ...base, id: 'gaussian-mean', title: 'Gaussian mean', model: gaussian, metrics: ['mean', 'cov'], yTitle: '‖μ̂ − μ‖²', sampling: 'sufficient', constant: p, constantName: 'trΣ' },
    { ...base, id: 'gaussian-cov', title: 'Gaussian covariance', model: gaussian, metrics: ['mean', 'cov'], metricIndex: 1, yTitle: '‖Σ̂ − Σ‖²_F', sampling: 'sufficient', constant: p + p * p, constantName: '‖Σ‖²_F + (trΣ)²' },
    { ...base, id: 'linear', title: 'Linear regression', model: glm('linear'), metrics: ['beta'], yTitle: '‖β̂ − β‖²', constant: glmFisherInverseTrace('linear', beta, cov), constantName: 'tr I⁻¹' },
    { ...base, id: 'logistic', title: 'Logistic regression', model: glm('logistic'), metrics: ['beta'], yTitle: '‖β̂ − β‖²', constant: glmFisherInverseTrace('logistic', beta, cov), constantName: 'tr I⁻¹' },
    { ...base, id: 'poisson', title: 'Poisson regression', model: glm('poisson'), metrics: ['beta'], yTitle: '‖β̂ − β‖²', constant: glmFisherInverseTrace('poisson', beta, cov), constantName: 'tr I⁻¹' },
    { ...base, id: 'cdf', title: 'Empirical CDF', model: { key: 'ecdf', dim: 1, scale: 1 }, metrics: ['cvm'], yTitle: '∫(F_t − F)² dF', constant: 1 / 6, constantName: '1/6' },
  ];
}
