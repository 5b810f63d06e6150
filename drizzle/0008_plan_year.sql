CREATE TABLE `change_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`approval_version` integer NOT NULL,
	`task_id` text NOT NULL,
	`kind` text NOT NULL,
	`due` text,
	`from_due` text,
	`reason` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`requested_by` text NOT NULL,
	`requested_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	`idempotency_key` text,
	`decided_by` text,
	`decided_at` integer,
	`note` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `change_requests_plan_idx` ON `change_requests` (`plan_id`,`status`,`decided_at`);--> statement-breakpoint
CREATE INDEX `change_requests_task_idx` ON `change_requests` (`plan_id`,`task_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `change_requests_idempotency_idx` ON `change_requests` (`requested_by`,`idempotency_key`);--> statement-breakpoint
CREATE TABLE `plan_approvals` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`version` integer NOT NULL,
	`baseline` text NOT NULL,
	`approved_by` text NOT NULL,
	`approved_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `plan_approvals_version_idx` ON `plan_approvals` (`plan_id`,`version`);--> statement-breakpoint
CREATE TABLE `plan_calendars` (
	`plan_id` text NOT NULL,
	`year` integer NOT NULL,
	`source` text NOT NULL,
	`semesters` text NOT NULL,
	`days` text NOT NULL,
	`updated_by` text,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	PRIMARY KEY(`plan_id`, `year`),
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `plan_year_settings` (
	`plan_id` text PRIMARY KEY NOT NULL,
	`day_count` text DEFAULT 'calendar' NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade
);
