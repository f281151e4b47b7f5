#if Server
import Foundation
import MNIST
import NeuralNet
import ServerRequests
import Testing

/// The training request's optimizer, schedule and augmentation: named as `mnist train` names
/// them, `mnist train`'s defaults when left out, a 400 naming the choices otherwise.
@Suite struct TrainingChoicesTests {
    static func parse(_ json: String) throws(APIError) -> TrainingRequest {
        try TrainingRequest.parse(Data(json.utf8), contentType: "application/json")
    }

    @Test func leftOutTheyAreMnistTrainsDefaults() throws {
        let request = try Self.parse(#"{"hidden": [16], "epochs": 3, "learning_rate": 0.03}"#)
        #expect(request.optimizer == .sgd && request.schedule == .cosine && request.augment == Augmentation.none)
        var expected = TrainingRecipe()
        (expected.hiddenWidths, expected.epochs) = ([16], 3)
        #expect(request.recipe == expected)
    }

    @Test func eachChoiceReachesTheRecipeAsMnistTrainWouldSetIt() throws {
        let request = try Self.parse(
            #"{"hidden": [16], "epochs": 4, "learning_rate": 0.002, "optimizer": "adamw", "schedule": "step", "augment": "elastic"}"#
        )
        #expect(request.optimizer == .adamw && request.schedule == .step && request.augment == .elastic)
        let recipe = request.recipe
        #expect(recipe.optimizer == OptimizerSettings(.adamw, learningRate: 0.002))
        #expect(recipe.optimizer.weightDecay == 0.01, "adamw's own default weight decay")
        #expect(recipe.schedule == ScheduleSettings(.step, warmupEpochs: 0, stepEpochs: 2, stepFactor: 0.1))
        #expect(recipe.augmentation == .elastic)
        let onecycle = try Self.parse(
            #"{"hidden": [16], "epochs": 10, "learning_rate": 0.1, "schedule": "onecycle", "optimizer": "nesterov"}"#)
        #expect(onecycle.recipe.schedule == ScheduleSettings(.onecycle, warmupEpochs: 3))
        #expect(onecycle.recipe.optimizer == OptimizerSettings(.nesterov, learningRate: 0.1))
        // The status and the runs list send the request back with every choice named.
        let encoded = try JSONEncoder().encode(request)
        let object = try JSONSerialization.jsonObject(with: encoded) as? [String: Any] ?? [:]
        #expect(object["optimizer"] as? String == "adamw" && object["schedule"] as? String == "step")
        #expect(object["augment"] as? String == "elastic")
        #expect(try JSONDecoder().decode(TrainingRequest.self, from: encoded) == request)
    }

    @Test func unknownOrMistypedChoicesAreRefusedNamingTheChoices() {
        let base = #""hidden": [16], "epochs": 1, "learning_rate": 0.03"#
        for (field, message) in [
            (#""optimizer": "momentum""#, #"optimizer must be one of sgd, nesterov, adam, adamw, not "momentum""#),
            (#""optimizer": "Adam""#, #"optimizer must be one of sgd, nesterov, adam, adamw, not "Adam""#),
            (#""schedule": "linear""#, #"schedule must be one of constant, cosine, step, onecycle, not "linear""#),
            (#""augment": "rotate""#, #"augment must be one of none, affine, elastic, not "rotate""#),
            (#""optimizer": 3"#, "the training request's optimizer has the wrong type"),
        ] {
            #expect(throws: APIError.badRequest(message)) { try Self.parse("{\(base), \(field)}") }
        }
    }

    @Test func thePageIsOfferedEveryChoiceWithItsDefaultLearningRate() throws {
        let choices = TrainingChoices()
        #expect(choices.optimizers.map(\.name) == ["sgd", "nesterov", "adam", "adamw"])
        #expect(choices.optimizers.map(\.defaultLearningRate) == [0.03, 0.03, 0.001, 0.001])
        #expect(choices.schedules == ScheduleSettings.Kind.allCases.map(\.rawValue))
        #expect(choices.augmentations == ["none", "affine", "elastic"])
        #expect(choices.defaults.optimizer == "sgd" && choices.defaults.schedule == "cosine")
        #expect(choices.defaults.augment == "none")
    }
}
#endif
