-- Lookups of inbound provider webhooks, which name an element key and no organization.
--
-- A webhook routed by a payload value finds the instances whose configuration holds that value
-- under the element's finder key: the rows of that key come from this index and their values are
-- compared there. (property_value itself is not indexed: it holds up to 10 000 characters, more
-- than a B-tree entry may, and a poller configuration is that long.)
CREATE INDEX instance_configuration_key_idx ON instance_configuration (config_key, instance_id);

-- A webhook for a private element finds every organization's element of that key (keys are unique
-- per organization only, so the existing unique index, organization first, cannot answer it).
CREATE INDEX private_element_key_idx ON private_element (element_key);
