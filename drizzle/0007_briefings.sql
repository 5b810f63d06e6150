CREATE TABLE `briefings` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`title` text NOT NULL,
	`sections` text NOT NULL,
	`figures` text,
	`status` text DEFAULT 'draft' NOT NULL,
	`created_by` text NOT NULL,
	`idempotency_key` text,
	`published_by` text,
	`published_at` integer,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`published_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `briefings_plan_idx` ON `briefings` (`plan_id`,`period_end`);--> statement-breakpoint
CREATE UNIQUE INDEX `briefings_idempotency_idx` ON `briefings` (`created_by`,`idempotency_key`);