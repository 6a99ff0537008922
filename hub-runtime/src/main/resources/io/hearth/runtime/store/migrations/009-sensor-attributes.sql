-- What a device says about a sensor that the hub keeps as it is (a CoAP resource's rt, if and
-- title), as a JSON object of strings.

ALTER TABLE sensor ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';
