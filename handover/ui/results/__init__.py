"""Resultaten (the school's cohort figures) and Regio (the gemeente's comparison of schools).

The figures come from the Qt-free core (handover.services.outcomes, handover.gemeente.regio); these
modules only show them: a table model, the charts and the two pages. They are imported when the
page is first shown (QtCharts is not needed at start-up).
"""
