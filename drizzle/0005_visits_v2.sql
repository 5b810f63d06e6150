CREATE TABLE `pairing_settings` (
	`plan_id` text PRIMARY KEY NOT NULL,
	`silent_weeks` integer DEFAULT 4 NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `visit_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`visit_id` text NOT NULL,
	`user_id` text,
	`at` integer NOT NULL,
	`action` text NOT NULL,
	`status_before` text NOT NULL,
	`changes` text NOT NULL,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `visit_revisions_visit_idx` ON `visit_revisions` (`visit_id`,`id`);--> statement-breakpoint
ALTER TABLE `visits` ADD `participant_names` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `visits` ADD `hours` real;--> statement-breakpoint
ALTER TABLE `visits` ADD `updated_at` integer;--> statement-breakpoint
CREATE INDEX `visits_pairing_idx` ON `visits` (`pairing_id`,`date`);