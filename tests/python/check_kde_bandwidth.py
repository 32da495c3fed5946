"""rwSAM's KDE bandwidth chosen by scikit-learn, for the C++ test
KdeBandwidth.EqualsScikitLearnsGridSearch: GridSearchCV over KernelDensity(kernel="gaussian")
with 5-fold cross-validation (KFold without shuffling), scored by the held-out log-likelihood.

Usage: check_kde_bandwidth.py POINTS.txt H1 H2 ...   (one point per line)
Prints the best bandwidth, then each bandwidth's mean test score (mean over folds of the held-out
points' total log-density), one a line.
"""
import sys

import numpy as np
from sklearn.model_selection import GridSearchCV, KFold
from sklearn.neighbors import KernelDensity

points = np.loadtxt(sys.argv[1], ndmin=2)
grid = [float(h) for h in sys.argv[2:]]
search = GridSearchCV(KernelDensity(kernel="gaussian"), {"bandwidth": grid}, cv=KFold(5))
search.fit(points)
print(f"{search.best_params_['bandwidth']:.17g}")
print("\n".join(f"{x:.17g}" for x in search.cv_results_["mean_test_score"]))
