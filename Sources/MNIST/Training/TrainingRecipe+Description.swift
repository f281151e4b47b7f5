extension TrainingRecipe {
    /// The recipe's settings as a model file records them (docs/model-files.md):
    /// `optimizer`, `lr`, `schedule`, `weight_decay`, `momentum` or `beta1` and `beta2`,
    /// `warmup_epochs`, `step_epochs` and `step_factor` where they apply, `dropout`,
    /// `label_smoothing` and `augmentation`.
    public var settings: [String: String] {
        var settings = [
            "optimizer": optimizer.kind.rawValue, "lr": String(optimizer.learningRate),
            "schedule": schedule.kind.rawValue,
            "weight_decay": String(optimizer.weightDecay),
            "dropout": String(dropout), "label_smoothing": String(labelSmoothing),
            "augmentation": augmentation.rawValue,
        ]
        switch optimizer.kind {
        case .sgd, .nesterov: settings["momentum"] = String(optimizer.momentum)
        case .adam, .adamw: (settings["beta1"], settings["beta2"]) = (String(optimizer.beta1), String(optimizer.beta2))
        }
        if schedule.warmupEpochs > 0 { settings["warmup_epochs"] = String(schedule.warmupEpochs) }
        if schedule.kind == .step {
            settings["step_epochs"] = String(schedule.stepEpochs)
            settings["step_factor"] = String(schedule.stepFactor)
        }
        return settings
    }

    /// The optimizer, its schedule and the regularization in one phrase, such as
    /// `SGD lr 0.03 (cosine) momentum 0.9 weight decay 0.0001, dropout 0.2`.
    public var optimizerSummary: String {
        var scheduleText = schedule.kind.rawValue
        if schedule.kind == .step {
            scheduleText += " ×\(schedule.stepFactor) every \(Format.counted(schedule.stepEpochs, "epoch"))"
        }
        if schedule.warmupEpochs > 0 { scheduleText += ", warm-up \(Format.epochs(schedule.warmupEpochs)) epochs" }
        let rate = "lr \(optimizer.learningRate) (\(scheduleText))"
        let (momentum, betas, decay) = (
            optimizer.momentum, "\(optimizer.beta1), \(optimizer.beta2)", optimizer.weightDecay
        )
        let text =
            switch optimizer.kind {
            case .sgd: "SGD \(rate) momentum \(momentum) weight decay \(decay)"
            case .nesterov: "SGD \(rate) Nesterov momentum \(momentum) weight decay \(decay)"
            case .adam: "Adam \(rate) betas \(betas) weight decay \(decay)"
            case .adamw: "AdamW \(rate) betas \(betas) decoupled weight decay \(decay)"
            }
        return text + (dropout > 0 ? ", dropout \(dropout)" : "")
            + (labelSmoothing > 0 ? ", label smoothing \(labelSmoothing)" : "")
    }
}
