CREATE TABLE `measurements` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`indicator_id` text NOT NULL,
	`school_id` text,
	`value` real NOT NULL,
	`date` text NOT NULL,
	`source` text DEFAULT '' NOT NULL,
	`file_id` text,
	`created_by` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`file_id`) REFERENCES `files`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `measurements_indicator_idx` ON `measurements` (`plan_id`,`indicator_id`,`date`);--> statement-breakpoint
CREATE UNIQUE INDEX `measurements_idempotency_idx` ON `measurements` (`created_by`,`idempotency_key`);--> statement-breakpoint
CREATE TABLE `notices` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`target` text NOT NULL,
	`task_id` text,
	`school_id` text,
	`milestone_id` text,
	`unit` text DEFAULT '' NOT NULL,
	`title` text NOT NULL,
	`level` text NOT NULL,
	`message` text NOT NULL,
	`reply_by` text NOT NULL,
	`issued_by` text NOT NULL,
	`idempotency_key` text,
	`reply` text,
	`replied_by` text,
	`replied_at` integer,
	`closed_at` integer,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`school_id`) REFERENCES `schools`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`issued_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`replied_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `notices_plan_idx` ON `notices` (`plan_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `notices_idempotency_idx` ON `notices` (`issued_by`,`idempotency_key`);--> statement-breakpoint
CREATE TABLE `report_settings` (
	`plan_id` text PRIMARY KEY NOT NULL,
	`cadence` text DEFAULT 'weekly' NOT NULL,
	`due_weekday` integer DEFAULT 5 NOT NULL,
	`anchor` text NOT NULL,
	`units` integer DEFAULT true NOT NULL,
	`schools` integer DEFAULT true NOT NULL,
	`updated_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `reports` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`cycle_id` text NOT NULL,
	`cycle_start` text NOT NULL,
	`cycle_end` text NOT NULL,
	`reporter_kind` text NOT NULL,
	`reporter_id` text NOT NULL,
	`nil` integer DEFAULT false NOT NULL,
	`progress` text DEFAULT '' NOT NULL,
	`problems` text DEFAULT '' NOT NULL,
	`next_steps` text DEFAULT '' NOT NULL,
	`submitted_by` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`submitted_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_reporter_cycle_idx` ON `reports` (`plan_id`,`cycle_id`,`reporter_kind`,`reporter_id`);--> statement-breakpoint
CREATE INDEX `reports_idempotency_idx` ON `reports` (`submitted_by`,`idempotency_key`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` text PRIMARY KEY NOT NULL,
	`plan_id` text NOT NULL,
	`name` text NOT NULL,
	`order` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL,
	FOREIGN KEY (`plan_id`) REFERENCES `plans`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_plan_name_idx` ON `units` (`plan_id`,`name`);