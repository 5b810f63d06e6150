ALTER TABLE `pairings` ADD `target` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `pairings` ADD `ended` text;