-- Placeholder on the procedure branch only: versions must run without gaps, and 004/005 belong to
-- other branches (alerts move, meetings, focal points). The lead drops this file at merge.
SELECT 1;
