"""``make privacy``: the attacks of issue 10 on the released figures, each as a strong
(Bayes-optimal) reader with a municipality's knowledge, and the accuracy this budget costs."""
