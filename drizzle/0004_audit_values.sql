ALTER TABLE `doc_audit` ADD `before_values` text;--> statement-breakpoint
ALTER TABLE `doc_audit` ADD `after_values` text;