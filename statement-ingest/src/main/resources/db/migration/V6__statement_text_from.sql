-- How a statement's text was obtained (api, page, page-short, feed, title): short pages and items
-- without text are stored rather than dropped, and say so. NULL for statements stored before.
ALTER TABLE statement ADD COLUMN text_from TEXT
    CHECK (text_from IN ('api', 'page', 'page-short', 'feed', 'title'));
