"""Rebuild src/storyline/events/data/event_types.npz, the event-type classifier.

Data: ../shared/data/case2021-task2/dev.tsv (CASE 2021 task 2 development set: id,
EventSnippet, SubType; 509 snippets, 30 labels; research-use licence, so its text never
enters the repo, only weights and a term vocabulary derived from it) plus DEFINITIONS
below: eleven short sentences per label written for storyline from the ACLED codebook's
definitions, not taken from the data. They help most on the rare labels (six examples
of PROTEST_WITH_INTER, OTHER, ABDUCT_DISSAP).

Model: see storyline.events.classify. Both logistic regressions are multinomial with an
L2 penalty on the weights (not the bias), fitted by L-BFGS-B with the analytic gradient
from zero, so a rebuild is deterministic (no random numbers are drawn at all). The
hyper-parameters are fixed constants, picked during development by 5-fold CV on the same
dev.tsv (three fold seeds; L2 0.01-0.1 and temperature 20-80 all lay within one point of
weighted F1), not searched again here.

Multilingual (`--multilingual`, writes data/event_types_multilingual.npz): the same
snippets and definitions embedded by multilingual-e5-small instead of MiniLM, the embedding
LR and the centroids with the same constants, no term LR; it types the event words of
reports in other languages (see storyline.events.classify).

Run:  .venv/bin/python scripts/train_event_types.py [--multilingual] [--data PATH] [--out PATH]
"""

from __future__ import annotations

import argparse
import csv
import time
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.optimize import minimize
from scipy.sparse import csr_matrix

from storyline.events.classify import (
    MODEL_PATH,
    MULTILINGUAL_PATH,
    EventTypeModel,
    build_vocabulary,
    idf_weights,
    term_counts,
    tfidf,
)
from storyline.events.taxonomy import CASE_TO_ACLED, NOT_ACLED
from storyline.sources.crosslingual import embed as e5_embed
from storyline.sources.embed import default_embedder

REPO = Path(__file__).resolve().parents[1]
DATA = REPO.parent / "shared" / "data" / "case2021-task2" / "dev.tsv"
LABELS = [*CASE_TO_ACLED, *NOT_ACLED]  # the 25 ACLED sub-event types, then the 5 others

EMBEDDING_L2 = 0.03
TERM_L2 = 0.03
TEMPERATURE = 20.0
MIN_DF = 2
MAX_ITERATIONS = 500

# Written for storyline from the ACLED codebook (2023) and the CASE 2021 task 2 label
# descriptions; the first sentence of each list names the type.
DEFINITIONS: dict[str, list[str]] = {
    "ARMED_CLASH": [
        "Armed groups fought a battle.",
        "Government troops clashed with rebel fighters, with casualties on both sides.",
        "Militants and soldiers exchanged fire in a gun battle.",
        "Fighting broke out between two rival militias.",
        "Insurgents attacked an army checkpoint and soldiers fought back.",
        "Security forces engaged the gunmen in a firefight.",
        "Heavy fighting continued between the army and the insurgents.",
        "Several fighters were killed in clashes between two armed factions.",
        "Rebels ambushed a military patrol, sparking an hour-long battle.",
        "Police and armed bandits traded gunfire.",
        "Clashes erupted on the front line between government forces and the militia.",
    ],
    "GOV_REGAINS_TERIT": [
        "Government forces regained control of territory.",
        "The army recaptured the town from the rebels.",
        "Troops retook and liberated villages held by militants.",
        "Regime forces took back the area after expelling the insurgents.",
        "The army said it had cleared the district of militants and restored state control.",
        "Soldiers regained the strategic hill from the fighters.",
        "The national army reclaimed the border crossing from the insurgents.",
        "After heavy fighting, government troops recovered the city.",
        "Pro-government forces recaptured the airport.",
        "The army said it had freed the region from rebel control.",
    ],
    "NON_STATE_ACTOR_OVERTAKES_TER": [
        "A non-state armed group took control of territory.",
        "Rebels seized the town after government forces were driven out.",
        "Militants captured the district and overran the army base.",
        "Insurgents advanced and took over several villages.",
        "The militia gained control of the city after the troops fled.",
        "The insurgent group seized the provincial capital.",
        "Fighters overran government positions and raised their flag over the town.",
        "The rebels took over the military post after the soldiers retreated.",
        "Armed groups captured territory from a rival militia.",
        "The jihadists took control of the district headquarters.",
    ],
    "CHEM_WEAP": [
        "Chemical weapons were used.",
        "A poison gas attack caused suffocation among residents.",
        "Chlorine or sarin gas was fired at the neighbourhood.",
        "Victims showed symptoms of exposure to toxic chemical agents.",
        "Shells loaded with toxic gas struck the town.",
        "Residents reported choking after a gas attack.",
        "The use of nerve agents was confirmed by investigators.",
        "Bombs containing chlorine were dropped on the town.",
        "Dozens were treated for breathing problems after a toxic gas strike.",
        "The attack with chemical munitions killed civilians.",
    ],
    "AIR_STRIKE": [
        "An air strike or drone strike.",
        "Warplanes bombed the area.",
        "A drone fired missiles on a vehicle.",
        "Helicopters and fighter jets carried out air raids on the village.",
        "The air force struck targets, killing people in the bombardment from the air.",
        "Coalition aircraft struck militant positions.",
        "An unmanned aerial vehicle attacked a convoy.",
        "Military jets pounded the town, destroying buildings.",
        "Barrel bombs were dropped from helicopters.",
        "Airstrikes hit a hospital and a school.",
    ],
    "SUIC_BOMB": [
        "A suicide bombing.",
        "A suicide bomber blew himself up in the crowd.",
        "An attacker detonated an explosive vest.",
        "A suicide car bomb exploded at the checkpoint.",
        "The bomber wearing an explosive belt killed himself and others.",
        "A suicide attacker rammed an explosives-laden truck into the base.",
        "A female suicide bomber detonated her device at the market.",
        "The bomber approached the mosque and blew himself up.",
        "Twin suicide bombings killed dozens.",
        "A suicide attack targeted a military convoy.",
    ],
    "ART_MISS_ATTACK": [
        "Shelling, artillery, mortar or missile attack.",
        "Forces shelled the town with artillery.",
        "Rockets and mortar rounds were fired at the city.",
        "Heavy shelling hit residential areas.",
        "A ballistic missile launched from afar struck the base.",
        "Artillery fire struck the village.",
        "Mortar shells landed near the market, wounding civilians.",
        "Militants fired rockets at the town.",
        "The army pounded rebel positions with heavy artillery.",
        "Missiles launched from across the border hit the city.",
    ],
    "REM_EXPLOS": [
        "A remote explosive, landmine or improvised explosive device.",
        "A roadside bomb exploded under a passing convoy.",
        "A planted bomb and a landmine went off.",
        "An improvised explosive device was detonated remotely.",
        "A car bomb parked in the market exploded; a vehicle hit a mine.",
        "An explosive device planted on the road killed soldiers.",
        "A bomb hidden in a motorcycle exploded.",
        "A car bomb went off outside the police headquarters.",
        "A landmine explosion killed a shepherd.",
        "A magnetic bomb attached to a car exploded.",
    ],
    "GRENADE": [
        "A grenade attack.",
        "An attacker hurled a hand grenade.",
        "A grenade was thrown at the police station.",
        "Unknown men lobbed a grenade into the house, injuring several people.",
        "A grenade explosion wounded people.",
        "A hand grenade exploded in a crowded bar.",
        "Militants threw grenades at a security patrol.",
        "A man on a motorbike tossed a grenade at the building.",
        "A grenade attack on a bus wounded passengers.",
        "Two people died when a grenade was thrown into the crowd.",
    ],
    "SEX_VIOL": [
        "Sexual violence.",
        "Armed men raped women.",
        "Sexual assault and rape of a girl by soldiers.",
        "Women were sexually abused by fighters.",
        "A man was accused of raping a minor.",
        "Soldiers were accused of gang rape.",
        "Armed men sexually assaulted women in the village.",
        "Rape was used as a weapon against civilians.",
        "Girls were sexually abused by members of the militia.",
        "A woman was raped by armed men.",
    ],
    "ATTACK": [
        "An armed attack on civilians.",
        "Gunmen shot and killed unarmed villagers.",
        "Attackers stabbed and killed civilians in their homes.",
        "Militants massacred civilians in the village.",
        "Unidentified assailants shot dead a civilian man.",
        "Gunmen opened fire on a group of farmers.",
        "Militants attacked a village, killing residents.",
        "Armed men killed a civilian and wounded others.",
        "Civilians were executed by the armed group.",
        "Bandits attacked travellers on the highway, killing several.",
    ],
    "ABDUCT_DISSAP": [
        "An abduction or forced disappearance.",
        "Gunmen kidnapped people and took them away.",
        "Activists were abducted and their whereabouts remain unknown.",
        "Armed men seized hostages and demanded a ransom.",
        "A journalist went missing after being taken by security agents.",
        "Armed men abducted schoolchildren.",
        "Militants kidnapped aid workers.",
        "A businessman was taken hostage by gunmen.",
        "Dozens of villagers were abducted by the insurgents.",
        "Security forces forcibly disappeared a critic of the government.",
    ],
    "PEACE_PROTEST": [
        "A peaceful protest.",
        "Demonstrators rallied peacefully and marched.",
        "Protesters gathered holding banners and chanting slogans.",
        "Workers went on strike and held a sit-in demanding their rights.",
        "Hundreds took part in a demonstration against the government.",
        "Thousands of people took to the streets to protest.",
        "Students held a peaceful rally outside parliament.",
        "Residents staged a protest over water shortages.",
        "Farmers demonstrated against the new law.",
        "Women marched to demand justice for victims.",
    ],
    "PROTEST_WITH_INTER": [
        "A peaceful protest met with intervention.",
        "Police dispersed the peaceful protest and detained demonstrators.",
        "Security forces used tear gas to break up the sit-in.",
        "Authorities blocked the march and arrested some protesters.",
        "Police fired rubber bullets and water cannon to disperse the peaceful crowd.",
        "Police detained dozens of protesters at the rally.",
        "Riot police broke up the demonstration.",
        "Protesters were dispersed by police with tear gas.",
        "Security forces prevented the demonstrators from marching.",
        "Authorities arrested organisers of the peaceful protest.",
    ],
    "FORCE_AGAINST_PROTEST": [
        "Excessive force against protesters.",
        "Security forces opened fire on peaceful protesters, killing several.",
        "Police beat and seriously injured demonstrators.",
        "Soldiers used live ammunition against unarmed protesters.",
        "Protesters were killed when police shot into the peaceful crowd.",
        "Security forces killed protesters during the peaceful demonstration.",
        "Police fired live rounds at the protesters.",
        "Troops cracked down violently on peaceful demonstrators, leaving many dead.",
        "Demonstrators were shot dead by the police.",
        "Many peaceful protesters were wounded by gunfire from security forces.",
    ],
    "VIOL_DEMONSTR": [
        "A violent demonstration or riot.",
        "Rioters threw stones and burned tyres, clashing with police.",
        "Protesters vandalised shops and set vehicles on fire.",
        "Demonstrators attacked police with rocks and petrol bombs.",
        "Angry protesters stormed the building and damaged property.",
        "Protesters clashed with security forces and set fire to a police station.",
        "Rioting youths pelted police with stones.",
        "Demonstrators torched cars and looted shops.",
        "The protest turned violent when the crowd attacked officers.",
        "Protesters blocked roads with burning tyres and threw rocks.",
    ],
    "MOB_VIOL": [
        "Mob violence.",
        "An angry mob lynched a man.",
        "A crowd attacked and beat people accused of theft.",
        "Villagers armed with machetes attacked members of another community.",
        "A mob burned a suspected thief to death.",
        "A mob attacked a man accused of blasphemy.",
        "Villagers beat two suspected thieves to death.",
        "Communal violence broke out between rival groups.",
        "An angry crowd set upon a police officer.",
        "A mob stormed the house and attacked the family.",
    ],
    "AGREEMENT": [
        "An agreement between groups.",
        "The parties signed a ceasefire and peace deal.",
        "The sides agreed on a prisoner exchange.",
        "The warring factions reached a truce.",
        "The rebels and the government signed an accord to end the conflict.",
        "The two groups agreed to a ceasefire.",
        "A peace agreement was signed by the rebels and the government.",
        "The parties agreed to exchange prisoners.",
        "Rival factions signed a reconciliation deal.",
        "The government reached an agreement with the militia to end hostilities.",
    ],
    "ARREST": [
        "An arrest.",
        "Police arrested and detained suspects.",
        "Security forces took the opposition leader into custody.",
        "Several activists were detained during a raid.",
        "Authorities arrested a man suspected of links to militants.",
        "Security forces arrested several suspects.",
        "Police detained a journalist.",
        "The suspect was arrested and charged.",
        "Dozens of people were rounded up and detained.",
        "Authorities arrested opposition members.",
    ],
    "CHANGE_TO_GROUP_ACT": [
        "A change to a group or its activity.",
        "The armed group announced a merger, a new leader or a split.",
        "Troops were deployed and a curfew was imposed.",
        "Fighters were recruited and mobilised.",
        "The militia declared it was disbanding; soldiers defected; the army sent reinforcements.",
        "The rebel group appointed a new commander.",
        "The army deployed additional troops to the region.",
        "Two militant groups announced they had merged.",
        "A state of emergency was declared and a curfew imposed.",
        "The armed group announced a change of strategy.",
    ],
    "DISR_WEAP": [
        "Disrupted weapons use.",
        "Security forces defused a bomb and seized weapons.",
        "The military intercepted missiles and found an arms cache.",
        "Police foiled a bomb plot and confiscated explosives.",
        "Air defences shot down drones before they hit their targets.",
        "Bomb disposal experts defused an explosive device.",
        "Security forces seized a large cache of weapons and ammunition.",
        "Air defences intercepted a rocket.",
        "Police found explosives and detonated them safely.",
        "The army foiled an attack and confiscated rifles.",
    ],
    "HQ_ESTABLISHED": [
        "A headquarters or base established.",
        "The armed group set up a new base.",
        "Forces established a military headquarters and camp in the town.",
        "The militants opened an office and a training camp in the area.",
        "Troops built a new outpost and set up positions.",
        "The group established its headquarters in the captured town.",
        "A new military base was set up near the border.",
        "The militants set up a camp in the forest.",
        "Forces established a command centre in the city.",
        "The armed group opened a new office in the region.",
    ],
    "PROPERTY_DISTRUCT": [
        "Looting or property destruction.",
        "Armed men looted shops and burned houses.",
        "Property was destroyed and homes were set on fire.",
        "Attackers torched a church and vandalised buildings.",
        "Fighters demolished houses and plundered the market.",
        "Gunmen set houses on fire.",
        "Shops were looted and burned.",
        "Militants destroyed a telecommunications tower.",
        "Armed men vandalised the offices.",
        "Crops and homes were destroyed by the attackers.",
    ],
    "NON_VIOL_TERRIT_TRANSFER": [
        "A non-violent transfer of territory.",
        "Forces withdrew and handed over the area without fighting.",
        "Control of the town was transferred peacefully.",
        "The troops pulled out and another group moved in to take control.",
        "The rebels evacuated the area under a deal and government forces entered.",
        "The army withdrew from the town without a fight.",
        "The militia handed control of the area to the government.",
        "Rebels withdrew from their positions as part of the deal.",
        "Forces left the city and handed it over to local authorities.",
        "Territory changed hands without fighting.",
    ],
    "OTHER": [
        "Another strategic development.",
        "A military coup took place.",
        "A significant political or security development occurred.",
        "Soldiers seized power and suspended the constitution.",
        "An event of strategic importance that fits no other type.",
        "The military staged a coup.",
        "An unusual strategic event took place.",
        "A political development changed the situation.",
        "An event occurred that does not fit the other types.",
        "The government announced a strategic change.",
    ],
    "ORG_CRIME": [
        "Organised crime.",
        "Drug traffickers and a criminal gang were involved in smuggling.",
        "A cartel carried out robberies and extortion.",
        "Police busted a drug ring and seized narcotics.",
        "Gang members were involved in a robbery and money laundering.",
        "A drug cartel was responsible for the killing.",
        "Police arrested members of a smuggling ring.",
        "The gang extorted money from shop owners.",
        "Criminals robbed the bank.",
        "Drug traffickers were caught with cocaine.",
    ],
    "NATURAL_DISASTER": [
        "A natural disaster.",
        "An earthquake, flood or storm killed people.",
        "A hurricane and heavy rains caused landslides.",
        "A cyclone and floods displaced thousands.",
        "A volcanic eruption, drought or wildfire hit the region.",
        "Floods killed dozens of people.",
        "An earthquake destroyed buildings.",
        "A tropical storm caused damage.",
        "Heavy rains triggered landslides.",
        "A wildfire burned thousands of hectares.",
    ],
    "MAN_MADE_DISASTER": [
        "A man-made disaster or accident.",
        "A factory explosion and fire killed workers.",
        "A building collapsed; a plane crashed; a train derailed.",
        "A gas leak and a blast at a chemical plant.",
        "An oil spill and a mine accident; a boat capsized.",
        "A fire broke out at the factory.",
        "A gas explosion destroyed the building.",
        "A bridge collapsed.",
        "A bus crash killed passengers.",
        "An industrial accident released toxic fumes.",
    ],
    "DIPLO": [
        "A diplomatic event.",
        "The ministers met for talks and signed a trade agreement.",
        "The president made a state visit and the countries imposed sanctions.",
        "The foreign minister held talks with his counterpart.",
        "The two countries restored diplomatic relations and the ambassador was recalled.",
        "The leaders discussed cooperation during the summit.",
        "The foreign ministers held talks.",
        "The ambassador was summoned.",
        "The country announced sanctions against the regime.",
        "The president met his counterpart.",
    ],
    "ATTRIB": [
        "An attribution of responsibility.",
        "The group claimed responsibility for the attack.",
        "Officials blamed the militants for the bombing.",
        "A statement said the insurgents were behind the attack.",
        "The government accused the rebels of carrying out the killings.",
        "The militant group claimed the attack.",
        "Police blamed the rebels for the killings.",
        "Officials said the insurgents were responsible.",
        "The jihadist group said it carried out the bombing.",
        "Authorities attributed the attack to the militia.",
    ],
}

Matrix = npt.NDArray[np.float32]


def read_data(path: Path) -> tuple[list[str], list[str]]:
    """(snippets, labels) of a CASE 2021 task 2 TSV with a header row."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    unknown = {r["SubType"] for r in rows} - set(LABELS)
    if unknown:
        raise SystemExit(f"{path}: labels outside the 30 CASE 2021 types: {sorted(unknown)}")
    return [r["EventSnippet"] for r in rows], [r["SubType"] for r in rows]


@cache
def definition_embeddings() -> Matrix:
    """MiniLM embeddings of DEFINITIONS, in LABELS order (computed once per process)."""
    return default_embedder().embed(_definition_texts())


def _definition_texts() -> list[str]:
    return [s for label in LABELS for s in DEFINITIONS[label]]


def _definition_labels() -> list[str]:
    return [label for label in LABELS for _ in DEFINITIONS[label]]


def fit_logistic(
    features: Any, targets: npt.NDArray[np.int64], classes: int, l2: float
) -> tuple[Matrix, Matrix]:
    """Multinomial logistic regression: minimise the summed cross-entropy plus
    l2/2 * |W|^2 by L-BFGS-B. `features` is a dense array or a scipy sparse matrix.
    Returns (weights of shape (features, classes), bias)."""
    n, d = features.shape
    onehot = np.eye(classes)[targets]

    def loss(params: npt.NDArray[np.float64]) -> tuple[float, npt.NDArray[np.float64]]:
        weights = params[: d * classes].reshape(d, classes)
        scores = np.asarray(features @ weights) + params[d * classes :]
        scores -= scores.max(axis=1, keepdims=True)
        log_norm = np.log(np.exp(scores).sum(axis=1, keepdims=True))
        log_p = scores - log_norm
        value = -float((log_p * onehot).sum()) + 0.5 * l2 * float((weights * weights).sum())
        residual = np.exp(log_p) - onehot
        grad_w = np.asarray(features.T @ residual) + l2 * weights
        return value, np.concatenate([grad_w.ravel(), residual.sum(axis=0)])

    result = minimize(
        loss,
        np.zeros(d * classes + classes),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": MAX_ITERATIONS},
    )
    params = result.x
    weights = params[: d * classes].reshape(d, classes).astype(np.float32)
    return weights, params[d * classes :].astype(np.float32)


def train(
    texts: list[str], gold: list[str], embeddings: Matrix, definitions: bool = True
) -> EventTypeModel:
    """Fit the three estimators on the given snippets (their MiniLM `embeddings` rows),
    plus DEFINITIONS unless `definitions` is False."""
    all_texts, all_gold, all_vectors = list(texts), list(gold), embeddings
    if definitions:
        all_texts += _definition_texts()
        all_gold += _definition_labels()
        all_vectors = np.vstack([embeddings, definition_embeddings()])
    targets = np.array([LABELS.index(g) for g in all_gold], dtype=np.int64)
    vocabulary = build_vocabulary(all_texts, MIN_DF)
    counts = term_counts(all_texts, {t: n for n, t in enumerate(vocabulary)})
    idf = idf_weights(counts)
    term_features = csr_matrix(tfidf(counts, idf))
    embedding_weights, embedding_bias = fit_logistic(
        all_vectors, targets, len(LABELS), EMBEDDING_L2
    )
    term_weights, term_bias = fit_logistic(term_features, targets, len(LABELS), TERM_L2)
    centroids = label_centroids(all_vectors, targets)
    return EventTypeModel(
        labels=list(LABELS),
        vocabulary=vocabulary,
        idf=idf,
        embedding_weights=embedding_weights,
        embedding_bias=embedding_bias,
        term_weights=term_weights,
        term_bias=term_bias,
        centroids=centroids,
        temperature=TEMPERATURE,
    )


def label_centroids(vectors: Matrix, targets: npt.NDArray[np.int64]) -> Matrix:
    """Each label's mean vector, made unit length (zeros for a label without rows)."""
    centroids = np.zeros((len(LABELS), vectors.shape[1]), dtype=np.float32)
    for n in range(len(LABELS)):
        rows = vectors[targets == n]
        if len(rows):
            mean = rows.mean(axis=0)
            centroids[n] = mean / max(float(np.linalg.norm(mean)), 1e-12)
    return centroids


def train_multilingual(texts: list[str], gold: list[str], embeddings: Matrix) -> EventTypeModel:
    """The embedding LR and the centroids over multilingual-e5 `embeddings` of the
    snippets and of DEFINITIONS; no term LR."""
    vectors = np.vstack([embeddings, e5_embed(_definition_texts())])
    targets = np.array([LABELS.index(g) for g in [*gold, *_definition_labels()]], dtype=np.int64)
    weights, bias = fit_logistic(vectors, targets, len(LABELS), EMBEDDING_L2)
    centroids = label_centroids(vectors, targets)
    return EventTypeModel(
        labels=list(LABELS),
        vocabulary=[],
        idf=np.zeros(0, dtype=np.float32),
        embedding_weights=weights,
        embedding_bias=bias,
        term_weights=np.zeros((0, len(LABELS)), dtype=np.float32),
        term_bias=np.zeros(len(LABELS), dtype=np.float32),
        centroids=centroids,
        temperature=TEMPERATURE,
        embedder="e5",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA, help=f"the TSV (default {DATA})")
    parser.add_argument("--out", type=Path, help="the .npz to write (default: the shipped one)")
    parser.add_argument(
        "--multilingual",
        action="store_true",
        help="the model over multilingual-e5 vectors, for other languages",
    )
    args = parser.parse_args()
    args.out = args.out or (MULTILINGUAL_PATH if args.multilingual else MODEL_PATH)
    started = time.perf_counter()
    texts, gold = read_data(args.data)
    embeddings = (e5_embed if args.multilingual else default_embedder().embed)(texts)
    embedded = time.perf_counter()
    model = (train_multilingual if args.multilingual else train)(texts, gold, embeddings)
    model.save(args.out)
    done = time.perf_counter()
    print(
        f"{len(texts)} snippets, {len(set(gold))} labels, {len(model.vocabulary):,} terms; "
        f"embedding {embedded - started:.1f} s, fitting {done - embedded:.1f} s; "
        f"wrote {args.out} ({args.out.stat().st_size / 1024:.0f} KiB)"
    )


if __name__ == "__main__":
    main()
