-- What a subscriber reads first on the portal, beside the topic's name: a sentence or two. The
-- description keeps saying in full what counts and what does not. NULL: the portal shows the description.
ALTER TABLE topic ADD COLUMN summary TEXT;
