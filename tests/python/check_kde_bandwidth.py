"""rwSAM's KDE bandwidth chosen by scikit-learn, for the C++ test
KdeBandwidth.EqualsScikitLearnsGridSearch: GridSearchCV over KernelDensity(kernel="gaussian")
with 5-fold cross-validation (KFold without shuffling), scored by the held-out log-likelihood.

scikit-learn's tree over-estimates a density whose kernel values are all tiny (a held-out point
many bandwidths from every training point: its bounds stop the descent), so each bandwidth's
score is also computed directly, summing every kernel in log space, as ours does.

Usage: check_kde_bandwidth.py POINTS.txt H1 H2 ...   (one point per line)
Prints the best bandwidth, then per bandwidth a line "SKLEARN DIRECT": the mean test score
(mean over folds of the held-out points' total log-density) both ways.
"""
import sys

import numpy as np
from scipy.special import logsumexp
from sklearn.model_selection import GridSearchCV, KFold
from sklearn.neighbors import KernelDensity

points = np.loadtxt(sys.argv[1], ndmin=2)
grid = [float(h) for h in sys.argv[2:]]
search = GridSearchCV(KernelDensity(kernel="gaussian"), {"bandwidth": grid}, cv=KFold(5))
search.fit(points)
print(f"{search.best_params_['bandwidth']:.17g}")

n, d = points.shape
squared = ((points[:, None, :] - points[None, :, :]) ** 2).sum(-1)
folds = list(KFold(5).split(points))
for g, h in enumerate(grid):
    fold_totals = []
    for train, test in folds:
        log_k = -squared[np.ix_(test, train)] / (2 * h * h)
        density = logsumexp(log_k, axis=1) - np.log(len(train)) - 0.5 * d * np.log(2 * np.pi * h * h)
        fold_totals.append(density.sum())
    print(f"{search.cv_results_['mean_test_score'][g]:.17g} {np.mean(fold_totals):.17g}")
