CREATE TABLE `files` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`owner_id` text,
	`school_id` text,
	`milestone_id` text,
	`visit_id` text,
	`indicator_id` text,
	`name` text NOT NULL,
	`size` integer NOT NULL,
	`type` text NOT NULL,
	`sha256` text NOT NULL,
	`has_thumb` integer DEFAULT false NOT NULL,
	`idempotency_key` text,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`owner_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`visit_id`) REFERENCES `visits`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `files_target_idx` ON `files` (`plan_id`,`school_id`,`milestone_id`);--> statement-breakpoint
CREATE INDEX `files_visit_idx` ON `files` (`visit_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `files_idempotency_idx` ON `files` (`owner_id`,`idempotency_key`);--> statement-breakpoint
ALTER TABLE `schools` ADD `township` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `units` text DEFAULT '[]' NOT NULL;